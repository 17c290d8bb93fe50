/** Webhooks against a receiver on loopback that checks every signature. */
@NullMarked
package io.rastro.webhooks;

import org.jspecify.annotations.NullMarked;
