package io.rastro.tracking.internal;

import io.rastro.shipment.Shipments;
import io.rastro.shipment.TrackingNumber;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.jspecify.annotations.Nullable;
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

  private final JdbcClient jdbc;
  private final Shipments shipments;

  TrackingEventWriter(JdbcClient jdbc, Shipments shipments) {
    this.jdbc = jdbc;
    this.shipments = shipments;
  }

  /**
   * What a write did with each event.
   *
   * @param stored the events written now
   * @param duplicates the events whose key was already taken, by an earlier write or by an earlier
   *     event of the same batch
   * @param unknown the tracking numbers that name no shipment; their events were not written
   */
  public record Result(
      List<TrackingEvent> stored, List<TrackingEvent> duplicates, Set<TrackingNumber> unknown) {}

  @Transactional
  public Result write(List<TrackingEvent> events) {
    var ids = shipments.idsOf(events.stream().map(TrackingEvent::trackingNumber).toList());
    var unknown = new HashSet<TrackingNumber>();
    var duplicates = new ArrayList<TrackingEvent>();
    var candidates = new LinkedHashMap<Key, TrackingEvent>();
    for (var event : events) {
      var shipmentId = ids.get(event.trackingNumber());
      if (shipmentId == null) {
        unknown.add(event.trackingNumber());
      } else if (candidates.putIfAbsent(new Key(shipmentId, event.eventId()), event) != null) {
        duplicates.add(event);
      }
    }
    var claimed = claim(candidates);
    var stored = new ArrayList<TrackingEvent>();
    candidates.forEach((key, event) -> (claimed.contains(key) ? stored : duplicates).add(event));
    insert(stored, ids);
    return new Result(stored, duplicates, unknown);
  }

  private record Key(long shipmentId, String eventId) {}

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
      List<TrackingEvent> events,
      java.util.function.Function<TrackingEvent, @Nullable Object> value) {
    return events.stream()
        .map(value)
        .map(v -> v == null ? null : v instanceof Instant i ? i.toString() : v.toString())
        .toArray(String[]::new);
  }
}
