package io.rastro.shipmentview.projection;

import static io.rastro.platform.SqlArrays.column;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import io.rastro.archive.ShipmentArchived;
import io.rastro.archive.ShipmentRestored;
import io.rastro.outbox.OutboxConsumer;
import io.rastro.outbox.PublishedEvent;
import io.rastro.shipment.ShipmentCreated;
import io.rastro.shipmentview.ReadModelProperties;
import io.rastro.tracking.TrackingEventRecorded;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import tools.jackson.databind.json.JsonMapper;

/**
 * Maintains the projected read model from the domain events, a batch at a time, with work that
 * depends on the batch and not on the tables: each event inserts one history row and touches one
 * summary row. Applying an event twice changes nothing (its history row exists), and the order of
 * events does not matter (the latest status is the maximum by the status rule; counts add; shipment
 * details and status are separate columns).
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
  public void apply(List<PublishedEvent> events) {
    work.record(() -> applyAll(events));
  }

  /**
   * Applies a batch in order where order matters: the events before a shipment's archiving, then
   * the archiving (its rows go, its place in the archive is kept), then the events after it. Each
   * run of archivings, as an archive run publishes them, goes in a few statements.
   */
  private void applyAll(List<PublishedEvent> events) {
    var created = new ArrayList<ShipmentCreated>();
    var recorded = new ArrayList<TrackingEventRecorded>();
    var archived = new ArrayList<ShipmentArchived>();
    for (var published : events) {
      if (published.event() instanceof ShipmentArchived archiving) {
        applyCreatedAndRecorded(created, recorded);
        archived.add(archiving);
        continue;
      }
      switch (published.event()) {
        case ShipmentCreated shipment -> {
          archive(archived);
          created.add(shipment);
        }
        case TrackingEventRecorded event -> {
          archive(archived);
          recorded.add(event);
        }
        case ShipmentRestored restored -> {
          archive(archived);
          created.add(restored.shipment());
          recorded.addAll(restored.events());
          unindex(restored.subject());
        }
        default -> {} // status changes follow from the events themselves
      }
    }
    archive(archived);
    applyCreatedAndRecorded(created, recorded);
    var now = clock.instant();
    events.forEach(e -> lag.record(Duration.between(e.writtenAt(), now)));
    applied.increment(events.size());
  }

  private void applyCreatedAndRecorded(
      List<ShipmentCreated> created, List<TrackingEventRecorded> recorded) {
    created.forEach(this::apply);
    applyRecorded(recorded);
    created.clear();
    recorded.clear();
  }

  /** Archived shipments leave the projection; where they are in the archive stays findable. */
  private void archive(List<ShipmentArchived> archived) {
    if (archived.isEmpty()) {
      return;
    }
    var numbers = column(archived, ShipmentArchived::trackingNumber);
    jdbc.sql("delete from shipment_projection_events where tracking_number = any (?)")
        .param(numbers)
        .update();
    jdbc.sql("delete from shipment_projection where tracking_number = any (?)")
        .param(numbers)
        .update();
    jdbc.sql(
            """
            insert into archived_shipment_views (tracking_number, customer_id, file, archived_at)
            select distinct on (n) n, c, f, a
            from unnest(?::text[], ?::uuid[], ?::text[], ?::timestamptz[])
                with ordinality as u(n, c, f, a, i)
            order by n, i desc
            on conflict (tracking_number) do update
                set customer_id = excluded.customer_id, file = excluded.file,
                    archived_at = excluded.archived_at
            """)
        .params(
            numbers,
            column(archived, ShipmentArchived::customerId),
            column(archived, ShipmentArchived::file),
            column(archived, ShipmentArchived::archivedAt))
        .update();
    archived.clear();
  }

  private void unindex(String trackingNumber) {
    jdbc.sql("delete from archived_shipment_views where tracking_number = ?")
        .param(trackingNumber)
        .update();
  }

  private void apply(ShipmentCreated created) {
    var shipment = created.shipment();
    jdbc.sql(
            """
            insert into shipment_projection (tracking_number, shipment_id, reference, customer_id,
                customer_name, carrier_code, carrier_name, service, weight_kg, promised_delivery_date,
                origin, destination, created_at)
            values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?::jsonb, ?::jsonb, ?)
            on conflict (tracking_number) do update set
                shipment_id = excluded.shipment_id, reference = excluded.reference,
                customer_id = excluded.customer_id, customer_name = excluded.customer_name,
                carrier_code = excluded.carrier_code, carrier_name = excluded.carrier_name,
                service = excluded.service, weight_kg = excluded.weight_kg,
                promised_delivery_date = excluded.promised_delivery_date,
                origin = excluded.origin, destination = excluded.destination,
                created_at = excluded.created_at
            """)
        .param(shipment.trackingNumber().value())
        .param(created.shipmentId())
        .param(shipment.reference())
        .param(shipment.customerId())
        .param(created.customerName())
        .param(shipment.carrierCode())
        .param(created.carrierName())
        .param(shipment.service())
        .param(shipment.weightKg())
        .param(shipment.promisedDeliveryDate())
        .param(json.writeValueAsString(shipment.origin()))
        .param(json.writeValueAsString(shipment.destination()))
        .param(Timestamp.from(shipment.createdAt()))
        .update();
  }

  /**
   * Inserts the history rows that are new, then folds them into the summary rows: counts add up,
   * and the latest event by the status rule ({@code tracking_event_rank}) wins, whatever the
   * arrival order. Both the history's shape and the rule are the database's, shared with the
   * materialized view and the rebuild.
   */
  private void applyRecorded(List<TrackingEventRecorded> events) {
    if (events.isEmpty()) {
      return;
    }
    jdbc.sql(
            """
            with incoming as (
                select * from unnest(?::text[], ?::text[], ?::tracking_status[], ?::text[],
                    ?::timestamptz[], ?::timestamptz[], ?::text[], ?::text[], ?::text[],
                    ?::float8[], ?::float8[], ?::text[])
                    as u(tracking_number, event_id, status, reason, occurred_at, received_at,
                         location_name, city, country, lat, lon, description)),
            inserted as (
                insert into shipment_projection_events (tracking_number, event_id, occurred_at, status_rank, event)
                select tracking_number, event_id, occurred_at,
                       array_position(enum_range(null::tracking_status), status) - 1,
                       tracking_event_view(event_id, status, reason, occurred_at, received_at,
                           location_name, city, country, lat, lon, description)
                from incoming
                on conflict do nothing
                returning tracking_number, event_id, occurred_at, status_rank, event),
            counted as (
                select tracking_number, count(*)::int as added from inserted group by tracking_number),
            latest as (
                select distinct on (tracking_number) *, event ->> 'status' as status from inserted
                order by tracking_number,
                         tracking_event_rank(occurred_at, (event ->> 'status')::tracking_status, event_id) desc)
            insert into shipment_projection as p (tracking_number, status, last_occurred_at,
                last_status_rank, last_event_id, last_event, event_count, delivered_at)
            select l.tracking_number, l.status, l.occurred_at, l.status_rank, l.event_id, l.event, c.added,
                   case when l.status = 'DELIVERED' then l.occurred_at end
            from latest l join counted c using (tracking_number)
            on conflict (tracking_number) do update set
                event_count = p.event_count + excluded.event_count,
                -- the later of the two by the status rule: the summary's or the batch's
                (status, last_occurred_at, last_status_rank, last_event_id, last_event, delivered_at) = (
                    select v.* from (values
                        (excluded.status, excluded.last_occurred_at, excluded.last_status_rank,
                         excluded.last_event_id, excluded.last_event, excluded.delivered_at),
                        (p.status, p.last_occurred_at, p.last_status_rank,
                         p.last_event_id, p.last_event, p.delivered_at))
                        as v(status, occurred_at, status_rank, event_id, event, delivered_at)
                    where v.event_id is not null
                    order by tracking_event_rank(v.occurred_at, v.status::tracking_status, v.event_id) desc
                    limit 1)
            """)
        .params(
            column(events, e -> e.trackingNumber().value()),
            column(events, TrackingEventRecorded::eventId),
            column(events, e -> e.status().name()),
            column(events, TrackingEventRecorded::reason),
            column(events, TrackingEventRecorded::occurredAt),
            column(events, TrackingEventRecorded::receivedAt),
            column(events, TrackingEventRecorded::locationName),
            column(events, TrackingEventRecorded::city),
            column(events, TrackingEventRecorded::country),
            column(events, TrackingEventRecorded::lat),
            column(events, TrackingEventRecorded::lon),
            column(events, TrackingEventRecorded::description))
        .update();
  }
}
