package io.rastro.tracking;

import io.rastro.outbox.DomainEvent;
import io.rastro.outbox.EventType;
import io.rastro.shipment.TrackingNumber;
import java.time.Instant;
import org.jspecify.annotations.Nullable;

/**
 * A carrier's tracking event was recorded, once: {@code io.rastro.tracking.recorded.v1}.
 *
 * @param occurredAt when it happened, by the carrier's clock: the order of a shipment's history
 * @param receivedAt when Rastro received it
 * @param reason why, for exceptions, returns and failed attempts
 * @param senderCarrier the carrier whose key sent it, when a carrier's key did
 */
public record TrackingEventRecorded(
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
    @Nullable String senderCarrier)
    implements DomainEvent {

  public static final EventType<TrackingEventRecorded> TYPE =
      new EventType<>(TrackingEventRecorded.class, "TrackingEventRecorded", "tracking.recorded", 1);

  @Override
  public String subject() {
    return trackingNumber.value();
  }
}
