package io.rastro.shipment.internal;

import io.rastro.carrier.Carriers;
import io.rastro.customer.Customer;
import io.rastro.customer.Customers;
import io.rastro.ingest.IngestCommand;
import io.rastro.ingest.IngestHandler;
import io.rastro.ingest.IngestQueue;
import io.rastro.outbox.Outbox;
import io.rastro.shipment.NewShipment;
import io.rastro.shipment.ShipmentCreated;
import io.rastro.shipment.Shipments;
import java.util.List;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.stereotype.Component;
import tools.jackson.databind.json.JsonMapper;

/**
 * New shipments on the write-ahead queue, both ways: the API queues them, and the workers hand them
 * back here to be written, once each: a shipment whose tracking number is taken was written before.
 */
@Component
public class ShipmentIngest implements IngestHandler {

  static final String TYPE = "shipment.create";

  private final IngestQueue queue;
  private final Shipments shipments;
  private final Customers customers;
  private final Carriers carriers;
  private final Outbox outbox;
  private final ApplicationEventPublisher events;
  private final JsonMapper json;

  ShipmentIngest(
      IngestQueue queue,
      Shipments shipments,
      Customers customers,
      Carriers carriers,
      Outbox outbox,
      ApplicationEventPublisher events,
      JsonMapper json) {
    this.queue = queue;
    this.shipments = shipments;
    this.customers = customers;
    this.carriers = carriers;
    this.outbox = outbox;
    this.events = events;
    this.json = json;
  }

  private ShipmentCreated created(NewShipment shipment, long id) {
    var customer = customers.find(shipment.customerId());
    return new ShipmentCreated(
        shipment,
        id,
        customer.map(Customer::name).orElse(null),
        shipment.carrierCode() == null ? null : carriers.name(shipment.carrierCode()).orElse(null),
        customer.map(Customer::email).orElse(null));
  }

  /** Queues a shipment; returns once the queue holds it durably. */
  public void enqueue(NewShipment shipment) {
    queue.enqueue(
        List.of(new IngestCommand(TYPE, json.writeValueAsBytes(shipment), shipment.createdAt())));
  }

  @Override
  public String type() {
    return TYPE;
  }

  @Override
  public void handle(List<IngestCommand> commands) {
    var batch = commands.stream().map(c -> json.readValue(c.payload(), NewShipment.class)).toList();
    shipments.lock(batch.stream().map(NewShipment::trackingNumber).toList());
    for (var shipment : batch) {
      if (!shipments.exists(shipment.trackingNumber())) {
        var created = created(shipment, shipments.add(shipment));
        outbox.add(List.of(created));
        events.publishEvent(created);
      }
    }
  }
}
