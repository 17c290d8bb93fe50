package io.rastro.webhooks.internal;

import static io.rastro.platform.SqlArrays.column;

import io.rastro.outbox.OutboxFeed;
import io.rastro.webhooks.WebhookDelivery;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.util.Collection;
import java.util.List;
import java.util.UUID;
import org.jspecify.annotations.Nullable;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/** The deliveries of events to endpoints ({@code webhook_deliveries}), durable until done. */
@Repository
public class Deliveries {

  private final JdbcClient jdbc;

  Deliveries(JdbcClient jdbc) {
    this.jdbc = jdbc;
  }

  /**
   * Makes a delivery of each event to each enabled endpoint that wants it: its type, and for a
   * shipper's endpoint, a shipment of its customer. Once per event and endpoint.
   */
  int fanOut(List<OutboxFeed.Entry> events, Instant now) {
    if (events.isEmpty()) {
      return 0;
    }
    return jdbc.sql(
            """
            insert into webhook_deliveries (id, endpoint_id, event_position, event_type, payload,
                next_attempt_at, created_at)
            select 'msg_' || gen_random_uuid(), e.id, ev.position, ev.type, ev.payload, ?, ?
            from unnest(?::text[], ?::text[], ?::text[], ?::text[])
                     as ev(position, type, subject, payload)
            left join shipments s on s.tracking_number = ev.subject
            join webhook_endpoints e
              on e.enabled
             and (cardinality(e.event_types) = 0 or ev.type = any (e.event_types))
             and (e.customer_id is null or e.customer_id = s.customer_id)
            on conflict (endpoint_id, event_position) do nothing
            """)
        .params(
            Timestamp.from(now),
            Timestamp.from(now),
            column(events, OutboxFeed.Entry::position),
            column(events, OutboxFeed.Entry::type),
            column(events, OutboxFeed.Entry::subject),
            column(events, OutboxFeed.Entry::cloudEvent))
        .update();
  }

  /** A delivery to send: what it carries, where, and the secrets that sign it. */
  record Due(
      String id,
      UUID endpointId,
      String url,
      List<String> secrets,
      String payload,
      int attempts,
      Instant firstAt) {}

  /**
   * Takes up to {@code limit} deliveries that are due, to enabled endpoints other than {@code
   * busy}, and puts them off by {@code lease}: if this instance dies while sending them, another
   * sends them after that. A disabled endpoint's deliveries wait until it is enabled again.
   */
  List<Due> claim(int limit, Instant now, Duration lease, Collection<UUID> busy) {
    return jdbc.sql(
            """
            update webhook_deliveries d set next_attempt_at = ?
            from webhook_endpoints e
            where e.id = d.endpoint_id and d.id in (
                select p.id from webhook_deliveries p
                join webhook_endpoints pe on pe.id = p.endpoint_id and pe.enabled
                where p.status = 'pending' and p.next_attempt_at <= ?
                  and p.endpoint_id <> all (?::uuid[])
                order by p.next_attempt_at
                for update of p skip locked
                limit ?)
            returning d.id, d.endpoint_id, e.url, e.secret, e.previous_secret,
                      e.previous_secret_expires, d.payload, d.attempts, d.created_at
            """)
        .params(
            Timestamp.from(now.plus(lease)),
            Timestamp.from(now),
            busy.stream().map(UUID::toString).toArray(String[]::new),
            limit)
        .query(
            (rs, n) ->
                new Due(
                    rs.getString("id"),
                    rs.getObject("endpoint_id", UUID.class),
                    rs.getString("url"),
                    WebhookEndpoints.secrets(
                        rs.getString("secret"),
                        rs.getString("previous_secret"),
                        instant(rs.getTimestamp("previous_secret_expires")),
                        now),
                    rs.getString("payload"),
                    rs.getInt("attempts"),
                    rs.getTimestamp("created_at").toInstant()))
        .list();
  }

  /** Records attempts: each delivered, retried at its {@code next}, or given up. */
  void attempted(List<Attempt> attempts) {
    jdbc.sql(
            """
            update webhook_deliveries d set status = a.status, attempts = d.attempts + 1,
                last_attempt_at = a.at, last_status = a.code, last_error = a.error,
                next_attempt_at = coalesce(a.next, d.next_attempt_at)
            from unnest(?::text[], ?::text[], ?::timestamptz[], ?::int[], ?::text[],
                        ?::timestamptz[]) as a(id, status, at, code, error, next)
            where d.id = a.id
            """)
        .params(
            column(attempts, Attempt::deliveryId),
            column(attempts, Attempt::outcome),
            column(attempts, Attempt::at),
            column(attempts, Attempt::status),
            column(attempts, Attempt::error),
            column(attempts, Attempt::next))
        .update();
  }

  /** The newest deliveries to an endpoint. */
  public List<WebhookDelivery> list(UUID endpointId, int limit) {
    return jdbc.sql(
            """
            select id, event_type, event_position, status, attempts, last_status, last_error,
                   last_attempt_at, next_attempt_at, created_at
            from webhook_deliveries where endpoint_id = ?
            order by created_at desc, id limit ?
            """)
        .params(endpointId, limit)
        .query((rs, n) -> delivery(rs))
        .list();
  }

  /** Sends a delivery again, now, whatever became of it; false when the endpoint has no such. */
  public boolean redeliver(UUID endpointId, String id, Instant now) {
    return jdbc.sql(
                """
                update webhook_deliveries set status = 'pending', next_attempt_at = ?, created_at = ?
                where endpoint_id = ? and id = ?
                """)
            .params(Timestamp.from(now), Timestamp.from(now), endpointId, id)
            .update()
        == 1;
  }

  private static WebhookDelivery delivery(ResultSet rs) throws SQLException {
    var pending = "pending".equals(rs.getString("status"));
    return new WebhookDelivery(
        rs.getString("id"),
        rs.getString("event_type"),
        rs.getString("event_position"),
        rs.getString("status"),
        rs.getInt("attempts"),
        rs.getObject("last_status", Integer.class),
        rs.getString("last_error"),
        instant(rs.getTimestamp("last_attempt_at")),
        pending ? instant(rs.getTimestamp("next_attempt_at")) : null,
        rs.getTimestamp("created_at").toInstant());
  }

  private static @Nullable Instant instant(@Nullable Timestamp timestamp) {
    return timestamp == null ? null : timestamp.toInstant();
  }
}
