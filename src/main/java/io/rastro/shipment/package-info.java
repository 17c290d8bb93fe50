/**
 * Shipments (the seed's envíos), the write side: creating them and the tracking numbers that name
 * them. {@link io.rastro.shipment.Shipments} and {@link io.rastro.shipment.TrackingNumber} are the
 * module's API to the rest of Rastro.
 */
@NullMarked
package io.rastro.shipment;

import org.jspecify.annotations.NullMarked;
