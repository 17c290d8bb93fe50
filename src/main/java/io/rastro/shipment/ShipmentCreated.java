package io.rastro.shipment;

/**
 * A shipment was written to the write model. Published inside the writing transaction, so that a
 * listener's writes commit with it.
 */
public record ShipmentCreated(TrackingNumber trackingNumber, long shipmentId) {}
