package io.rastro.archive;

import io.rastro.outbox.DomainEvent;
import io.rastro.outbox.EventType;
import java.time.Instant;
import java.util.UUID;

/**
 * A shipment left the write model for the archive, with all its events: {@code
 * io.rastro.shipment.archived.v1}. The read side drops it and keeps where to find it.
 *
 * @param customerId whom it belongs to, so that the read side answers only its customer's keys
 * @param file the archive file that holds it, as {@code archived_shipments} names it
 * @param events how many tracking events went with it
 * @param archivedAt when the run that moved it committed
 */
public record ShipmentArchived(
    String trackingNumber, UUID customerId, String file, int events, Instant archivedAt)
    implements DomainEvent {

  public static final EventType<ShipmentArchived> TYPE =
      new EventType<>(ShipmentArchived.class, "ShipmentArchived", "shipment.archived", 1);

  @Override
  public String subject() {
    return trackingNumber;
  }
}
