package io.rastro.shipment.internal;

import io.rastro.ingest.IngestCommand;
import io.rastro.ingest.IngestHandler;
import io.rastro.ingest.IngestQueue;
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
  private final ApplicationEventPublisher events;
  private final JsonMapper json;

  ShipmentIngest(
      IngestQueue queue, Shipments shipments, ApplicationEventPublisher events, JsonMapper json) {
    this.queue = queue;
    this.shipments = shipments;
    this.events = events;
    this.json = json;
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
    for (var command : commands) {
      var shipment = json.readValue(command.payload(), NewShipment.class);
      if (!shipments.exists(shipment.trackingNumber())) {
        var id = shipments.add(shipment);
        events.publishEvent(new ShipmentCreated(shipment.trackingNumber(), id));
      }
    }
  }
}
