package io.rastro.analytics.loading;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import io.rastro.analytics.AnalyticsEnabled;
import io.rastro.analytics.AnalyticsStore;
import io.rastro.analytics.EventRow;
import io.rastro.analytics.ShipmentRow;
import io.rastro.outbox.OutboxConsumer;
import io.rastro.outbox.PublishedEvent;
import io.rastro.shipment.ShipmentCreated;
import io.rastro.tracking.TrackingEventRecorded;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import org.jspecify.annotations.Nullable;
import org.springframework.stereotype.Component;

/**
 * Feeds the analytics engine from the domain events, a relay batch at a time, from its own cursor
 * ({@code analytics-duckdb} or {@code analytics-clickhouse}). The engine is not the database whose
 * transaction moves the cursor: a batch it loaded may come again if that transaction rolls back or
 * Rastro dies before it commits, and the engine skips the rows it holds.
 */
@Component
@AnalyticsEnabled
class AnalyticsLoader implements OutboxConsumer {

  private final AnalyticsStore store;
  private final Clock clock;
  private final Timer work;
  private final Timer lag;

  AnalyticsLoader(AnalyticsStore store, Clock clock, MeterRegistry meters) {
    this.store = store;
    this.clock = clock;
    this.work =
        Timer.builder("rastro.analytics.load")
            .description("Time spent loading a batch of events into the analytics engine")
            .tag("engine", store.name())
            .register(meters);
    this.lag =
        Timer.builder("rastro.analytics.lag")
            .description("From a write's commit to its event loaded into the analytics engine")
            .tag("engine", store.name())
            .register(meters);
  }

  @Override
  public String name() {
    return store.cursorName();
  }

  @Override
  public void apply(List<PublishedEvent> events) {
    var shipments = new ArrayList<ShipmentRow>();
    var recorded = new ArrayList<EventRow>();
    for (var published : events) {
      switch (published.event()) {
        case ShipmentCreated created -> shipments.add(row(published.position(), created));
        case TrackingEventRecorded event -> recorded.add(row(published.position(), event));
        default -> {} // the reports follow from the events themselves
      }
    }
    if (shipments.isEmpty() && recorded.isEmpty()) {
      return;
    }
    work.record(() -> store.load(shipments, recorded));
    var now = clock.instant();
    events.forEach(e -> lag.record(Duration.between(e.writtenAt(), now)));
  }

  static ShipmentRow row(long position, ShipmentCreated created) {
    var shipment = created.shipment();
    var promised = shipment.promisedDeliveryDate();
    return new ShipmentRow(
        position,
        shipment.trackingNumber().value(),
        shipment.customerId().toString(),
        text(shipment.carrierCode()),
        shipment.origin().city(),
        shipment.origin().country(),
        shipment.destination().city(),
        shipment.destination().country(),
        promised == null ? null : Math.toIntExact(promised.toEpochDay()),
        shipment.createdAt().getEpochSecond());
  }

  static EventRow row(long position, TrackingEventRecorded event) {
    return new EventRow(
        position,
        event.trackingNumber().value(),
        event.eventId(),
        event.status().name(),
        text(event.reason()),
        text(event.city()),
        text(event.country()),
        event.occurredAt().getEpochSecond(),
        event.receivedAt().getEpochSecond());
  }

  private static String text(@Nullable String value) {
    return Objects.requireNonNullElse(value, "");
  }
}
