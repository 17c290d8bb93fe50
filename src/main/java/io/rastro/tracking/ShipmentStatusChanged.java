package io.rastro.tracking;

import io.rastro.outbox.DomainEvent;
import io.rastro.outbox.EventType;
import java.time.Instant;

/**
 * A shipment's status moved: {@code io.rastro.shipment.status-changed.v1}. The status is that of
 * its latest event by the status rule ({@code tracking_event_rank} in the database).
 *
 * @param from its status before; {@code PENDING} for its first event
 * @param to its status now, a {@link TrackingStatus} name
 * @param occurredAt when the event that moved it happened
 * @param eventId the event that moved it
 */
public record ShipmentStatusChanged(
    String trackingNumber, String from, String to, Instant occurredAt, String eventId)
    implements DomainEvent {

  public static final EventType<ShipmentStatusChanged> TYPE =
      new EventType<>(
          ShipmentStatusChanged.class, "ShipmentStatusChanged", "shipment.status-changed", 1);

  @Override
  public String subject() {
    return trackingNumber;
  }
}
