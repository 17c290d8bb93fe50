package io.rastro.tracking.internal;

import io.rastro.platform.Outbox;
import io.rastro.shipment.Shipments;
import io.rastro.shipment.TrackingNumber;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;
import org.springframework.transaction.annotation.Transactional;

/**
 * Writes tracking events in batches: three statements per batch whatever its size. Claiming each
 * event's key in {@code tracking_event_keys} first makes a retried or redelivered event a
 * duplicate, without races, even across month partitions.
 */
@Repository
public class TrackingEventWriter {

  private static final Logger log = LoggerFactory.getLogger(TrackingEventWriter.class);

  private final JdbcClient jdbc;
  private final Shipments shipments;
  private final Outbox outbox;

  TrackingEventWriter(JdbcClient jdbc, Shipments shipments, Outbox outbox) {
    this.jdbc = jdbc;
    this.shipments = shipments;
    this.outbox = outbox;
  }

  /**
   * What a write did with each event.
   *
   * @param stored the events written now
   * @param duplicates the events whose key was already taken, by an earlier write or by an earlier
   *     event of the same batch
   * @param unknown the tracking numbers that name no shipment; their events were not written
   * @param forbidden events a carrier's key sent for a shipment not assigned to that carrier; not
   *     written
   */
  public record Result(
      List<TrackingEvent> stored,
      List<TrackingEvent> duplicates,
      Set<TrackingNumber> unknown,
      List<TrackingEvent> forbidden) {}

  @Transactional
  public Result write(List<TrackingEvent> events) {
    var numbers = events.stream().map(TrackingEvent::trackingNumber).distinct().toList();
    var ids = shipments.idsOf(numbers);
    var missing = numbers.stream().filter(n -> !ids.containsKey(n)).toList();
    if (!missing.isEmpty()) {
      // A shipment being created right now becomes visible once its creator lets go.
      shipments.lock(missing);
      ids.putAll(shipments.idsOf(missing));
    }
    var unknown = new HashSet<TrackingNumber>();
    var duplicates = new ArrayList<TrackingEvent>();
    var forbidden = new ArrayList<TrackingEvent>();
    var carriers =
        events.stream().anyMatch(e -> e.senderCarrier() != null)
            ? shipments.carriersOf(ids.keySet())
            : Map.<TrackingNumber, Optional<String>>of();
    var candidates = new LinkedHashMap<Key, TrackingEvent>();
    for (var event : events) {
      var shipmentId = ids.get(event.trackingNumber());
      if (shipmentId == null) {
        unknown.add(event.trackingNumber());
      } else if (event.senderCarrier() != null
          && !carriers
              .getOrDefault(event.trackingNumber(), Optional.empty())
              .filter(event.senderCarrier()::equals)
              .isPresent()) {
        forbidden.add(event);
      } else if (candidates.putIfAbsent(new Key(shipmentId, event.eventId()), event) != null) {
        duplicates.add(event);
      }
    }
    var claimed = claim(candidates);
    var stored = new ArrayList<TrackingEvent>();
    candidates.forEach((key, event) -> (claimed.contains(key) ? stored : duplicates).add(event));
    insert(stored, ids);
    var recorded = new ArrayList<Outbox.Event>();
    stored.forEach(
        e ->
            recorded.add(new Outbox.Event("TrackingEventRecorded", e.trackingNumber().value(), e)));
    recorded.addAll(statusChanges(stored, ids));
    outbox.add(recorded);
    if (!forbidden.isEmpty()) {
      log.warn(
          "Dropped {} events sent by a carrier's key for shipments not assigned to it, such as {}",
          forbidden.size(),
          forbidden.getFirst().key());
    }
    return new Result(stored, duplicates, unknown, forbidden);
  }

  private record Key(long shipmentId, String eventId) {}

  /**
   * A shipment's status moved.
   *
   * @param from its status before; {@code PENDING} for its first event
   */
  public record StatusChanged(
      String trackingNumber, String from, String to, Instant occurredAt, String eventId) {}

  /**
   * Keeps each shipment's current status (the event with the latest {@code occurredAt}, ties by
   * lifecycle order then event id) and returns the changes as events: {@code
   * ShipmentStatusChanged}, and {@code ShipmentDelivered} when the new status is {@code DELIVERED}.
   */
  private List<Outbox.Event> statusChanges(
      List<TrackingEvent> stored, Map<TrackingNumber, Long> ids) {
    if (stored.isEmpty()) {
      return List.of();
    }
    var numbers = new HashMap<Long, TrackingNumber>();
    ids.forEach((number, id) -> numbers.put(id, number));
    // Every shipment_id the statement returns is one of ids: numbers.get finds it.
    @SuppressWarnings("NullAway")
    var changes =
        jdbc.sql(
                """
                with incoming as (
                    select * from unnest(?::bigint[], ?::timestamptz[], ?::tracking_status[], ?::text[])
                        as i(shipment_id, occurred_at, status, event_id)),
                latest as (
                    select distinct on (shipment_id) * from incoming
                    order by shipment_id, occurred_at desc, status desc, event_id desc),
                before as (
                    select s.shipment_id, s.status from shipment_status s join latest using (shipment_id)),
                changed as (
                    insert into shipment_status select * from latest
                    on conflict (shipment_id) do update
                        set occurred_at = excluded.occurred_at, status = excluded.status, event_id = excluded.event_id
                        where (excluded.occurred_at, excluded.status, excluded.event_id)
                            > (shipment_status.occurred_at, shipment_status.status, shipment_status.event_id)
                    returning shipment_id, status, occurred_at, event_id)
                select c.shipment_id, coalesce(b.status::text, 'PENDING') as before, c.status::text as after,
                       c.occurred_at, c.event_id
                from changed c left join before b using (shipment_id)
                where b.status is distinct from c.status
                """)
            .params(
                stored.stream().map(e -> ids.get(e.trackingNumber())).toArray(Long[]::new),
                column(stored, TrackingEvent::occurredAt),
                column(stored, e -> e.status().name()),
                column(stored, TrackingEvent::eventId))
            .query(
                (rs, n) ->
                    new StatusChanged(
                        numbers.get(rs.getLong("shipment_id")).value(),
                        rs.getString("before"),
                        rs.getString("after"),
                        rs.getTimestamp("occurred_at").toInstant(),
                        rs.getString("event_id")))
            .list();
    var events = new ArrayList<Outbox.Event>();
    for (var change : changes) {
      events.add(new Outbox.Event("ShipmentStatusChanged", change.trackingNumber(), change));
      if (change.to().equals("DELIVERED")) {
        events.add(new Outbox.Event("ShipmentDelivered", change.trackingNumber(), change));
      }
    }
    return events;
  }

  private Set<Key> claim(Map<Key, TrackingEvent> candidates) {
    var claimed = new HashSet<Key>();
    if (candidates.isEmpty()) {
      return claimed;
    }
    jdbc.sql(
            """
            insert into tracking_event_keys (shipment_id, event_id, occurred_at)
            select * from unnest(?::bigint[], ?::text[], ?::timestamptz[])
            on conflict do nothing
            returning shipment_id, event_id
            """)
        .params(
            candidates.keySet().stream().map(Key::shipmentId).toArray(Long[]::new),
            candidates.keySet().stream().map(Key::eventId).toArray(String[]::new),
            candidates.values().stream().map(e -> e.occurredAt().toString()).toArray(String[]::new))
        .query(
            rs -> {
              claimed.add(new Key(rs.getLong(1), rs.getString(2)));
            });
    return claimed;
  }

  private void insert(List<TrackingEvent> events, Map<TrackingNumber, Long> ids) {
    if (events.isEmpty()) {
      return;
    }
    jdbc.sql(
            """
            insert into tracking_events (shipment_id, occurred_at, event_id, status, reason,
                received_at, location_name, city, country, lat, lon, description)
            select * from unnest(?::bigint[], ?::timestamptz[], ?::text[], ?::tracking_status[],
                ?::text[], ?::timestamptz[], ?::text[], ?::text[], ?::text[], ?::float8[],
                ?::float8[], ?::text[])
            """)
        .params(
            events.stream().map(e -> ids.get(e.trackingNumber())).toArray(Long[]::new),
            column(events, e -> e.occurredAt()),
            column(events, TrackingEvent::eventId),
            column(events, e -> e.status().name()),
            column(events, TrackingEvent::reason),
            column(events, TrackingEvent::receivedAt),
            column(events, TrackingEvent::locationName),
            column(events, TrackingEvent::city),
            column(events, TrackingEvent::country),
            column(events, TrackingEvent::lat),
            column(events, TrackingEvent::lon),
            column(events, TrackingEvent::description))
        .update();
  }

  /** One column as text, which PostgreSQL casts to the column's type. */
  private static String[] column(
      List<TrackingEvent> events, Function<TrackingEvent, @Nullable Object> value) {
    return events.stream()
        .map(value)
        .map(v -> v == null ? null : v instanceof Instant i ? i.toString() : v.toString())
        .toArray(String[]::new);
  }
}
