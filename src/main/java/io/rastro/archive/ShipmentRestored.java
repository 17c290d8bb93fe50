package io.rastro.archive;

import io.rastro.outbox.DomainEvent;
import io.rastro.outbox.EventType;
import io.rastro.shipment.ShipmentCreated;
import io.rastro.tracking.TrackingEventRecorded;
import java.util.List;

/**
 * An archived shipment came back into the write model, because an event arrived for it: {@code
 * io.rastro.shipment.restored.v1}. It carries the whole shipment as it was archived, so that a
 * reader rebuilds its view from this event alone, as from its creation and its events.
 *
 * @param shipment the shipment, as it was created
 * @param events its history, oldest first by the status rule
 */
public record ShipmentRestored(ShipmentCreated shipment, List<TrackingEventRecorded> events)
    implements DomainEvent {

  public static final EventType<ShipmentRestored> TYPE =
      new EventType<>(ShipmentRestored.class, "ShipmentRestored", "shipment.restored", 1);

  @Override
  public String subject() {
    return shipment.subject();
  }
}
