package io.rastro.tracking;

import io.rastro.outbox.DomainEvent;
import io.rastro.outbox.EventType;
import java.time.Instant;

/**
 * A shipment's status became {@code DELIVERED}: {@code io.rastro.shipment.delivered.v1}, published
 * beside its {@link ShipmentStatusChanged}, with the same fields.
 *
 * @param from its status before
 * @param to {@code DELIVERED}
 * @param occurredAt when it was delivered
 * @param eventId the delivery event
 */
public record ShipmentDelivered(
    String trackingNumber, String from, String to, Instant occurredAt, String eventId)
    implements DomainEvent {

  public static final EventType<ShipmentDelivered> TYPE =
      new EventType<>(ShipmentDelivered.class, "ShipmentDelivered", "shipment.delivered", 1);

  @Override
  public String subject() {
    return trackingNumber;
  }
}
