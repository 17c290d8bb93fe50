package io.rastro.tracking.internal;

import io.rastro.shipment.TrackingNumber;
import io.rastro.tracking.TrackingEventRecorded;
import io.rastro.tracking.TrackingStatus;
import java.time.Instant;
import org.jspecify.annotations.Nullable;

/**
 * A checked, normalized tracking event, ready to be written.
 *
 * @param senderCarrier the carrier whose key sent it, when a {@code CARRIER} key did: it is written
 *     only to a shipment assigned to that carrier
 */
public record TrackingEvent(
    TrackingNumber trackingNumber,
    String eventId,
    TrackingStatus status,
    Instant occurredAt,
    Instant receivedAt,
    @Nullable String locationName,
    @Nullable String city,
    @Nullable String country,
    @Nullable Double lat,
    @Nullable Double lon,
    @Nullable String description,
    @Nullable String reason,
    @Nullable String senderCarrier) {

  /** The same event, to be written only to a shipment assigned to this carrier. */
  public TrackingEvent sentBy(String carrierCode) {
    return new TrackingEvent(
        trackingNumber,
        eventId,
        status,
        occurredAt,
        receivedAt,
        locationName,
        city,
        country,
        lat,
        lon,
        description,
        reason,
        carrierCode);
  }

  /** The event published once this one is written. */
  public TrackingEventRecorded recorded() {
    return new TrackingEventRecorded(
        trackingNumber,
        eventId,
        status,
        occurredAt,
        receivedAt,
        locationName,
        city,
        country,
        lat,
        lon,
        description,
        reason,
        senderCarrier);
  }

  /** The key that makes a retried event a duplicate. */
  public record Key(TrackingNumber trackingNumber, String eventId) {}

  public Key key() {
    return new Key(trackingNumber, eventId);
  }
}
