/** How deliveries are made, stored, signed and sent. */
@NullMarked
package io.rastro.webhooks.internal;

import org.jspecify.annotations.NullMarked;
