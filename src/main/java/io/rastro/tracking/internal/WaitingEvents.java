package io.rastro.tracking.internal;

import io.rastro.tracking.TrackingShardsProperties.Shard;
import java.sql.Timestamp;
import java.util.ArrayList;
import java.util.List;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;
import tools.jackson.databind.json.JsonMapper;

/**
 * Tracking events set aside, whole, to be written later: in {@code unmatched_tracking_events} until
 * their shipment exists ({@link UnmatchedEvents}), in {@code tracking_events_awaiting_shard} until
 * the shard of their month answers again.
 */
@Repository
class WaitingEvents {

  /** The tables events wait in, by what they wait for. */
  enum For {
    SHIPMENT("unmatched_tracking_events"),
    SHARD("tracking_events_awaiting_shard");

    final String table;

    For(String table) {
      this.table = table;
    }
  }

  private final JdbcClient jdbc;
  private final JsonMapper json;

  WaitingEvents(JdbcClient jdbc, JsonMapper json) {
    this.jdbc = jdbc;
    this.json = json;
  }

  /** Sets events aside; one already waiting (same tracking number and event id) stays as it was. */
  void park(For reason, List<TrackingEvent> events) {
    if (events.isEmpty()) {
      return;
    }
    jdbc.sql(
            """
            insert into %s (tracking_number, event_id, occurred_at, received_at, event)
            select * from unnest(?::text[], ?::text[], ?::timestamptz[], ?::timestamptz[], ?::jsonb[])
            on conflict do nothing
            """
                .formatted(reason.table))
        .params(
            events.stream().map(e -> e.trackingNumber().value()).toArray(String[]::new),
            events.stream().map(TrackingEvent::eventId).toArray(String[]::new),
            events.stream().map(e -> e.occurredAt().toString()).toArray(String[]::new),
            events.stream().map(e -> e.receivedAt().toString()).toArray(String[]::new),
            events.stream().map(json::writeValueAsString).toArray(String[]::new))
        .update();
  }

  long count(For reason) {
    return jdbc.sql("select count(*) from " + reason.table).query(Long.class).single();
  }

  /** How many events wait for this shard. */
  long countFor(Shard shard) {
    return jdbc.sql("select count(*) from tracking_events_awaiting_shard w where " + IN_RANGES)
        .params(ranges(List.of(shard)))
        .query(Long.class)
        .single();
  }

  /** Takes, oldest first, up to {@code limit} events waiting for one of these shards. */
  List<TrackingEvent> takeFor(List<Shard> shards, int limit) {
    if (shards.isEmpty()) {
      return List.of();
    }
    var parameters = new ArrayList<Object>(ranges(shards));
    parameters.add(limit);
    return jdbc.sql(
            """
            delete from tracking_events_awaiting_shard where ctid in (
                select ctid from tracking_events_awaiting_shard w where %s
                order by received_at limit ?)
            returning event
            """
                .formatted(IN_RANGES))
        .params(parameters)
        .query((rs, n) -> json.readValue(rs.getString(1), TrackingEvent.class))
        .list();
  }

  /** Whether a waiting event {@code w} falls in one of the ranges given as two arrays. */
  private static final String IN_RANGES =
      "exists (select 1 from unnest(?::timestamptz[], ?::timestamptz[]) r(f, t)"
          + " where w.occurred_at >= r.f and w.occurred_at < r.t)";

  /** The shards' ranges as two arrays: where each starts, and where the next month starts. */
  private static List<Object> ranges(List<Shard> shards) {
    return List.of(
        shards.stream().map(s -> TrackingShards.start(s.first())).toArray(Timestamp[]::new),
        shards.stream()
            .map(s -> TrackingShards.start(s.last().plusMonths(1)))
            .toArray(Timestamp[]::new));
  }
}
