package io.rastro.shipmentview.projection;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import io.rastro.platform.OutboxConsumer;
import io.rastro.shipmentview.ReadModelProperties;
import io.rastro.tracking.TrackingStatus;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

/**
 * Maintains the projected read model from the domain events, a batch at a time, with work that
 * depends on the batch and not on the tables: each event inserts one history row and touches one
 * summary row. Applying an event twice changes nothing (its history row exists), and the order of
 * events does not matter (the latest status is the maximum by occurredAt, lifecycle order, event
 * id; counts add; shipment details and status are separate columns).
 */
@Component
@ConditionalOnProperty(
    name = "rastro.read-model.mode",
    havingValue = "projection",
    matchIfMissing = true)
class ShipmentProjector implements OutboxConsumer {

  static final String CURSOR = ReadModelProperties.PROJECTION_CURSOR;

  private final JdbcClient jdbc;
  private final JsonMapper json;
  private final Clock clock;
  private final Timer lag;
  private final Timer work;
  private final Counter applied;

  ShipmentProjector(JdbcClient jdbc, JsonMapper json, Clock clock, MeterRegistry meters) {
    this.jdbc = jdbc;
    this.json = json;
    this.clock = clock;
    this.lag =
        Timer.builder("rastro.projection.lag")
            .description("From a write's commit to its event applied to the read model")
            .publishPercentileHistogram()
            .register(meters);
    this.work =
        Timer.builder("rastro.projection.apply")
            .description("Time spent applying a batch of events to the read model")
            .register(meters);
    this.applied =
        Counter.builder("rastro.projection.events")
            .description("Events applied to the projected read model")
            .register(meters);
  }

  @Override
  public String name() {
    return CURSOR;
  }

  @Override
  public void apply(List<Record> events) {
    work.record(() -> applyAll(events));
  }

  private void applyAll(List<Record> events) {
    var shipments = new ArrayList<JsonNode>();
    var history = new ArrayList<HistoryRow>();
    for (var event : events) {
      switch (event.type()) {
        case "ShipmentCreated" -> shipments.add(json.readTree(event.data()));
        case "TrackingEventRecorded" ->
            history.add(HistoryRow.of(json.readTree(event.data()), json));
        default -> {} // status changes follow from the events themselves
      }
    }
    shipments.forEach(this::upsertShipment);
    applyEvents(history);
    var now = clock.instant();
    events.forEach(e -> lag.record(Duration.between(e.writtenAt(), now)));
    applied.increment(events.size());
  }

  // Spring 7.0's JdbcClient.params(Object...) does not declare its elements @Nullable, though it
  // binds a null as SQL NULL: the nullable columns below are passed through it.
  @SuppressWarnings("NullAway")
  private void upsertShipment(JsonNode created) {
    var shipment = created.path("shipment");
    jdbc.sql(
            """
            insert into shipment_projection (tracking_number, shipment_id, reference, customer_id,
                customer_name, carrier_code, carrier_name, service, weight_kg, promised_delivery_date,
                origin, destination, created_at)
            values (?, ?, ?, ?::uuid, ?, ?, ?, ?, ?::numeric, ?::date, ?::jsonb, ?::jsonb, ?::timestamptz)
            on conflict (tracking_number) do update set
                shipment_id = excluded.shipment_id, reference = excluded.reference,
                customer_id = excluded.customer_id, customer_name = excluded.customer_name,
                carrier_code = excluded.carrier_code, carrier_name = excluded.carrier_name,
                service = excluded.service, weight_kg = excluded.weight_kg,
                promised_delivery_date = excluded.promised_delivery_date,
                origin = excluded.origin, destination = excluded.destination,
                created_at = excluded.created_at
            """)
        .params(
            text(shipment, "trackingNumber"),
            created.path("shipmentId").asLong(),
            text(shipment, "reference"),
            text(shipment, "customerId"),
            text(created, "customerName"),
            text(shipment, "carrierCode"),
            text(created, "carrierName"),
            text(shipment, "service"),
            text(shipment, "weightKg"),
            text(shipment, "promisedDeliveryDate"),
            json.writeValueAsString(shipment.path("origin")),
            json.writeValueAsString(shipment.path("destination")),
            text(shipment, "createdAt"))
        .update();
  }

  private static @Nullable String text(JsonNode node, String field) {
    var value = node.path(field);
    return value.isMissingNode() || value.isNull() ? null : value.asString();
  }

  /** One event as the history shows it. */
  record HistoryRow(
      String trackingNumber,
      String eventId,
      String occurredAt,
      int statusRank,
      String status,
      String event) {

    @SuppressWarnings("EnumOrdinal") // the rank is the lifecycle order, as the SQL compares it
    static HistoryRow of(JsonNode recorded, JsonMapper json) {
      var view = json.createObjectNode();
      view.put("eventId", recorded.path("eventId").asString());
      view.put("status", recorded.path("status").asString());
      view.put("occurredAt", recorded.path("occurredAt").asString());
      view.put("receivedAt", recorded.path("receivedAt").asString());
      ObjectNode location = json.createObjectNode();
      copy(recorded, "locationName", location, "name");
      copy(recorded, "city", location, "city");
      copy(recorded, "country", location, "country");
      copy(recorded, "lat", location, "lat");
      copy(recorded, "lon", location, "lon");
      if (!location.isEmpty()) {
        view.set("location", location);
      }
      copy(recorded, "description", view, "description");
      copy(recorded, "reason", view, "reason");
      var status = recorded.path("status").asString();
      return new HistoryRow(
          recorded.path("trackingNumber").asString(),
          recorded.path("eventId").asString(),
          recorded.path("occurredAt").asString(),
          TrackingStatus.valueOf(status).ordinal(),
          status,
          json.writeValueAsString(view));
    }

    private static void copy(JsonNode from, String field, ObjectNode to, String as) {
      var value = from.path(field);
      if (!value.isMissingNode() && !value.isNull()) {
        to.set(as, value);
      }
    }
  }

  /**
   * Inserts the history rows that are new, then folds them into the summary rows: counts add up,
   * and the latest event wins by (occurredAt, lifecycle order, event id) whatever the arrival
   * order.
   */
  private void applyEvents(List<HistoryRow> rows) {
    if (rows.isEmpty()) {
      return;
    }
    var inserted =
        jdbc.sql(
                """
                insert into shipment_projection_events (tracking_number, event_id, occurred_at, status_rank, event)
                select * from unnest(?::text[], ?::text[], ?::timestamptz[], ?::int[], ?::jsonb[])
                on conflict do nothing
                returning tracking_number, event_id
                """)
            .params(
                rows.stream().map(HistoryRow::trackingNumber).toArray(String[]::new),
                rows.stream().map(HistoryRow::eventId).toArray(String[]::new),
                rows.stream().map(HistoryRow::occurredAt).toArray(String[]::new),
                rows.stream().map(HistoryRow::statusRank).toArray(Integer[]::new),
                rows.stream().map(HistoryRow::event).toArray(String[]::new))
            .query((rs, n) -> rs.getString(1) + "\u0000" + rs.getString(2))
            .list();
    var fresh = new HashSet<>(inserted);
    var summaries = new LinkedHashMap<String, Summary>();
    for (var row : rows) {
      if (fresh.remove(row.trackingNumber() + "\u0000" + row.eventId())) {
        summaries.merge(row.trackingNumber(), new Summary(row, 1), Summary::plus);
      }
    }
    fold(summaries);
  }

  /** What a batch adds to one shipment: its latest new event, and how many new events. */
  private record Summary(HistoryRow latest, int count) {

    Summary plus(Summary other) {
      var a = latest;
      var b = other.latest;
      int order =
          a.occurredAt().compareTo(b.occurredAt()) != 0
              ? java.time.Instant.parse(a.occurredAt())
                  .compareTo(java.time.Instant.parse(b.occurredAt()))
              : a.statusRank() != b.statusRank()
                  ? Integer.compare(a.statusRank(), b.statusRank())
                  : a.eventId().compareTo(b.eventId());
      return new Summary(order >= 0 ? a : b, count + other.count);
    }
  }

  private void fold(Map<String, Summary> summaries) {
    if (summaries.isEmpty()) {
      return;
    }
    var list = List.copyOf(summaries.values());
    jdbc.sql(
            """
            insert into shipment_projection as p (tracking_number, status, last_occurred_at,
                last_status_rank, last_event_id, last_event, event_count, delivered_at)
            select t, s, o, r, e, ev, c, case when s = 'DELIVERED' then o end
            from unnest(?::text[], ?::text[], ?::timestamptz[], ?::int[], ?::text[], ?::jsonb[], ?::int[])
                as u(t, s, o, r, e, ev, c)
            on conflict (tracking_number) do update set
                event_count = p.event_count + excluded.event_count,
                status = case when newer then excluded.status else p.status end,
                last_occurred_at = case when newer then excluded.last_occurred_at else p.last_occurred_at end,
                last_status_rank = case when newer then excluded.last_status_rank else p.last_status_rank end,
                last_event_id = case when newer then excluded.last_event_id else p.last_event_id end,
                last_event = case when newer then excluded.last_event else p.last_event end,
                delivered_at = case when newer then excluded.delivered_at else p.delivered_at end
            """
                .replace(
                    "newer",
                    "(p.last_occurred_at is null or (excluded.last_occurred_at, excluded.last_status_rank,"
                        + " excluded.last_event_id) > (p.last_occurred_at, p.last_status_rank, p.last_event_id))"))
        .params(
            list.stream().map(s -> s.latest().trackingNumber()).toArray(String[]::new),
            list.stream().map(s -> s.latest().status()).toArray(String[]::new),
            list.stream().map(s -> s.latest().occurredAt()).toArray(String[]::new),
            list.stream().map(s -> s.latest().statusRank()).toArray(Integer[]::new),
            list.stream().map(s -> s.latest().eventId()).toArray(String[]::new),
            list.stream().map(s -> s.latest().event()).toArray(String[]::new),
            list.stream().map(Summary::count).toArray(Integer[]::new))
        .update();
  }
}
