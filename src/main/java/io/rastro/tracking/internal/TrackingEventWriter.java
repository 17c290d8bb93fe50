package io.rastro.tracking.internal;

import static io.rastro.platform.SqlArrays.column;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import io.rastro.outbox.DomainEvent;
import io.rastro.outbox.Outbox;
import io.rastro.platform.PipelineStep;
import io.rastro.shipment.ShipmentArchive;
import io.rastro.shipment.Shipments;
import io.rastro.shipment.TrackingNumber;
import io.rastro.tracking.ShipmentDelivered;
import io.rastro.tracking.ShipmentStatusChanged;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
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
  private final ShipmentArchive archive;
  private final Outbox outbox;
  private final TrackingEventPartitions partitions;
  private final WaitingEvents waiting;
  private final Timer deduplicating;
  private final Timer inserting;
  private final Timer statusing;
  private final Timer recording;

  TrackingEventWriter(
      JdbcClient jdbc,
      Shipments shipments,
      ShipmentArchive archive,
      Outbox outbox,
      TrackingEventPartitions partitions,
      WaitingEvents waiting,
      MeterRegistry meters) {
    this.jdbc = jdbc;
    this.shipments = shipments;
    this.archive = archive;
    this.outbox = outbox;
    this.partitions = partitions;
    this.waiting = waiting;
    this.deduplicating = PipelineStep.timer(meters, "tracking.deduplicate");
    this.inserting = PipelineStep.timer(meters, "tracking.insert");
    this.statusing = PipelineStep.timer(meters, "tracking.status");
    this.recording = PipelineStep.timer(meters, "tracking.outbox");
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
   * @param deferred events of a month whose shard does not answer now: not claimed, set aside in
   *     {@code tracking_events_awaiting_shard} until it does
   */
  public record Result(
      List<TrackingEvent> stored,
      List<TrackingEvent> duplicates,
      Set<TrackingNumber> unknown,
      List<TrackingEvent> forbidden,
      List<TrackingEvent> deferred) {}

  @Transactional
  public Result write(List<TrackingEvent> events) {
    var numbers = events.stream().map(TrackingEvent::trackingNumber).distinct().toList();
    var found = shipments.forEvents(numbers);
    var missing = numbers.stream().filter(n -> !found.containsKey(n)).toList();
    var archived = Map.<TrackingNumber, ShipmentArchive.Held>of();
    if (!missing.isEmpty()) {
      // A shipment being created right now becomes visible once its creator lets go.
      shipments.lock(missing);
      found.putAll(shipments.forEvents(missing));
      archived = archive.held(missing.stream().filter(n -> !found.containsKey(n)).toList());
      // One in the archive comes back first when an event of it is to be written, then its
      // events are applied.
      found.putAll(shipments.forEvents(archive.restore(bringBack(events, archived)).keySet()));
    }
    var ids = new HashMap<TrackingNumber, Long>();
    found.forEach((number, shipment) -> ids.put(number, shipment.id()));
    var unknown = new HashSet<TrackingNumber>();
    var duplicates = new ArrayList<TrackingEvent>();
    var forbidden = new ArrayList<TrackingEvent>();
    var candidates = new LinkedHashMap<Key, TrackingEvent>();
    for (var event : events) {
      var shipment = found.get(event.trackingNumber());
      var held = archived.get(event.trackingNumber());
      if (shipment == null && held != null) {
        // left in the archive: each of its events is one it holds, or from a carrier's key not its
        (held.eventIds().contains(event.eventId()) ? duplicates : forbidden).add(event);
      } else if (shipment == null) {
        unknown.add(event.trackingNumber());
      } else if (event.senderCarrier() != null
          && !event.senderCarrier().equals(shipment.carrierCode())) {
        forbidden.add(event);
      } else if (candidates.putIfAbsent(new Key(shipment.id(), event.eventId()), event) != null) {
        duplicates.add(event);
      }
    }
    // Those of a month whose shard does not answer wait for it, unclaimed.
    var deferred =
        candidates.values().stream().filter(e -> !partitions.writable(e.occurredAt())).toList();
    candidates.values().removeIf(new HashSet<>(deferred)::contains);
    waiting.park(WaitingEvents.For.SHARD, deferred);
    var claimed = deduplicating.record(() -> claim(candidates));
    var stored = new ArrayList<TrackingEvent>();
    candidates.forEach((key, event) -> (claimed.contains(key) ? stored : duplicates).add(event));
    inserting.record(() -> insert(stored, ids));
    var recorded = new ArrayList<DomainEvent>();
    stored.forEach(e -> recorded.add(e.recorded()));
    recorded.addAll(statusing.record(() -> statusChanges(stored, ids)));
    recording.record(() -> outbox.add(recorded));
    if (!forbidden.isEmpty()) {
      log.warn(
          "Dropped {} events sent by a carrier's key for shipments not assigned to it, such as {}",
          forbidden.size(),
          forbidden.getFirst().key());
    }
    return new Result(stored, duplicates, unknown, forbidden, deferred);
  }

  private record Key(long shipmentId, String eventId) {}

  /**
   * The archived shipments that an event of this batch would be written to: one it does not hold
   * yet, from no carrier's key or from that of its carrier. A duplicate or a refused event leaves
   * its shipment in the archive.
   */
  private static List<TrackingNumber> bringBack(
      List<TrackingEvent> events, Map<TrackingNumber, ShipmentArchive.Held> archived) {
    return archived.entrySet().stream()
        .filter(
            entry ->
                events.stream()
                    .anyMatch(
                        event ->
                            event.trackingNumber().equals(entry.getKey())
                                && !entry.getValue().eventIds().contains(event.eventId())
                                && (event.senderCarrier() == null
                                    || event
                                        .senderCarrier()
                                        .equals(entry.getValue().carrierCode()))))
        .map(Map.Entry::getKey)
        .toList();
  }

  /**
   * Keeps each shipment's current status (that of its latest event by the status rule, {@code
   * tracking_event_rank}) and returns the changes as events: {@link ShipmentStatusChanged}, and
   * {@link ShipmentDelivered} when the new status is {@code DELIVERED}.
   */
  private List<DomainEvent> statusChanges(
      List<TrackingEvent> stored, Map<TrackingNumber, Long> ids) {
    if (stored.isEmpty()) {
      return List.of();
    }
    var changes =
        jdbc.sql(
                """
                with incoming as (
                    select * from unnest(?::bigint[], ?::text[], ?::timestamptz[], ?::tracking_status[], ?::text[])
                        as i(shipment_id, tracking_number, occurred_at, status, event_id)),
                latest as (
                    select distinct on (shipment_id) * from incoming
                    order by shipment_id, tracking_event_rank(occurred_at, status, event_id) desc),
                before as (
                    select s.shipment_id, s.status from shipment_status s join latest using (shipment_id)),
                changed as (
                    insert into shipment_status (shipment_id, occurred_at, status, event_id)
                    select shipment_id, occurred_at, status, event_id from latest
                    on conflict (shipment_id) do update
                        set occurred_at = excluded.occurred_at, status = excluded.status, event_id = excluded.event_id
                        where tracking_event_rank(excluded.occurred_at, excluded.status, excluded.event_id)
                            > tracking_event_rank(shipment_status.occurred_at, shipment_status.status,
                                                  shipment_status.event_id)
                    returning shipment_id, status, occurred_at, event_id)
                select l.tracking_number, coalesce(b.status::text, 'PENDING') as before, c.status::text as after,
                       c.occurred_at, c.event_id
                from changed c join latest l using (shipment_id) left join before b using (shipment_id)
                where b.status is distinct from c.status
                """)
            .params(
                stored.stream().map(e -> ids.get(e.trackingNumber())).toArray(Long[]::new),
                column(stored, e -> e.trackingNumber().value()),
                column(stored, TrackingEvent::occurredAt),
                column(stored, e -> e.status().name()),
                column(stored, TrackingEvent::eventId))
            .query(
                (rs, n) ->
                    new ShipmentStatusChanged(
                        rs.getString("tracking_number"),
                        rs.getString("before"),
                        rs.getString("after"),
                        rs.getTimestamp("occurred_at").toInstant(),
                        rs.getString("event_id")))
            .list();
    var events = new ArrayList<DomainEvent>();
    for (var change : changes) {
      events.add(change);
      if (change.to().equals("DELIVERED")) {
        events.add(
            new ShipmentDelivered(
                change.trackingNumber(),
                change.from(),
                change.to(),
                change.occurredAt(),
                change.eventId()));
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
    partitions.ensureFor(events.stream().map(TrackingEvent::occurredAt).toList());
    jdbc.sql(
            """
            insert into tracking_events (shipment_id, occurred_at, event_id, status, reason,
                received_at, location_name, city, country, lat, lon, description)
            select * from unnest(?::bigint[], ?::timestamptz[], ?::text[], ?::tracking_status[],
                ?::text[], ?::timestamptz[], ?::text[], ?::text[], ?::text[], ?::float8[],
                ?::float8[], ?::text[])
            on conflict do nothing
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
}
