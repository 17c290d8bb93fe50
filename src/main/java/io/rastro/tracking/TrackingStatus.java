package io.rastro.tracking;

/**
 * The normalized status a tracking event reports. The order is the lifecycle's and breaks ties:
 * when two events of a shipment share their {@code occurredAt}, the one later in this list sets the
 * shipment's status. A shipment with no event yet is {@code PENDING}, which no event reports.
 */
public enum TrackingStatus {
  INFO_RECEIVED,
  PICKED_UP,
  IN_TRANSIT,
  OUT_FOR_DELIVERY,
  DELIVERY_ATTEMPTED,
  AVAILABLE_FOR_PICKUP,
  EXCEPTION,
  RETURNED_TO_SENDER,
  DELIVERED,
  CANCELLED
}
