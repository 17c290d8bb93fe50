/**
 * Carriers: the companies that move shipments and send tracking events. {@link
 * io.rastro.carrier.Carriers} is the module's API to the rest of Rastro.
 */
@NullMarked
package io.rastro.carrier;

import org.jspecify.annotations.NullMarked;
