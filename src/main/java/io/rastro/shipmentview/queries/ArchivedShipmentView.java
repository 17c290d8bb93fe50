package io.rastro.shipmentview.queries;

import io.rastro.archive.ArchivedShipment;
import io.rastro.shipment.ShipmentAddress;
import io.rastro.shipmentview.queries.ShipmentView.AddressView;
import io.rastro.shipmentview.queries.ShipmentView.CarrierRef;
import io.rastro.shipmentview.queries.ShipmentView.CustomerRef;
import io.rastro.shipmentview.queries.ShipmentView.EventView;
import io.rastro.shipmentview.queries.ShipmentView.LocationView;

/** An archived shipment shown as the read model shows one, marked {@code "archived": true}. */
final class ArchivedShipmentView {

  private ArchivedShipmentView() {}

  static ShipmentView of(ArchivedShipment shipment, Freshness freshness) {
    var events = shipment.events().stream().map(ArchivedShipmentView::event).toList();
    var last = events.isEmpty() ? null : events.getLast();
    return new ShipmentView(
        shipment.trackingNumber(),
        shipment.reference(),
        shipment.status(),
        new CustomerRef(shipment.customerId(), shipment.customerName()),
        shipment.carrierCode() == null
            ? null
            : new CarrierRef(shipment.carrierCode(), shipment.carrierName()),
        shipment.service(),
        shipment.weightKg(),
        address(shipment.origin()),
        address(shipment.destination()),
        shipment.createdAt(),
        last,
        events.size(),
        events,
        shipment.promisedDeliveryDate(),
        last != null && shipment.status().equals("DELIVERED") ? last.occurredAt() : null,
        freshness.asOf(),
        freshness.lag().toMillis(),
        true);
  }

  private static AddressView address(ShipmentAddress a) {
    return new AddressView(a.line1(), a.city(), a.postalCode(), a.country(), a.lat(), a.lon());
  }

  private static EventView event(ArchivedShipment.Event e) {
    var located =
        e.locationName() != null
            || e.city() != null
            || e.country() != null
            || e.lat() != null
            || e.lon() != null;
    return new EventView(
        e.eventId(),
        e.status().name(),
        e.occurredAt(),
        e.receivedAt(),
        located
            ? new LocationView(e.locationName(), e.city(), e.country(), e.lat(), e.lon())
            : null,
        e.description(),
        e.reason());
  }
}
