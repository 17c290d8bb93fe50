package io.rastro.shipment;

import io.rastro.outbox.DomainEvent;
import io.rastro.outbox.EventType;
import org.jspecify.annotations.Nullable;

/**
 * A shipment was written to the write model. Published on the bus as {@code
 * io.rastro.shipment.created.v1}, and inside the writing transaction as an application event, so
 * that a listener's writes commit with it. It carries the names a reader shows, so that no reader
 * needs the write model.
 *
 * @param shipmentId its key in the write model
 * @param customerName the name of the customer it belongs to
 * @param customerEmail that customer's e-mail address (added to version 1 later: absent from older
 *     events, so it reads as {@code null} there)
 * @param carrierName the name of its carrier, when it has one
 */
public record ShipmentCreated(
    NewShipment shipment,
    long shipmentId,
    @Nullable String customerName,
    @Nullable String carrierName,
    @Nullable String customerEmail)
    implements DomainEvent {

  public static final EventType<ShipmentCreated> TYPE =
      new EventType<>(ShipmentCreated.class, "ShipmentCreated", "shipment.created", 1);

  @Override
  public String subject() {
    return shipment.trackingNumber().value();
  }
}
