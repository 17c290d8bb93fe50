/** Reading carriers: the web adapter that lists them. */
@NullMarked
package io.rastro.carrier.queries;

import org.jspecify.annotations.NullMarked;
