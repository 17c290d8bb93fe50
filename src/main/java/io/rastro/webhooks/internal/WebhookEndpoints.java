package io.rastro.webhooks.internal;

import static io.rastro.platform.SqlArrays.column;

import io.rastro.webhooks.WebhookEndpoint;
import java.net.URI;
import java.sql.Array;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import org.jspecify.annotations.Nullable;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/** The registered endpoints ({@code webhook_endpoints}). */
@Repository
public class WebhookEndpoints {

  private static final String COLUMNS =
      "id, url, event_types, description, customer_id, enabled, disabled_reason, failing_since,"
          + " created_at";

  private final JdbcClient jdbc;

  WebhookEndpoints(JdbcClient jdbc) {
    this.jdbc = jdbc;
  }

  public void add(WebhookEndpoint endpoint, String secret) {
    jdbc.sql(
            """
            insert into webhook_endpoints (id, url, event_types, description, customer_id, secret,
                enabled, created_at)
            values (?, ?, ?, ?, ?, ?, true, ?)
            """)
        .param(endpoint.id())
        .param(endpoint.url().toString())
        .param(endpoint.eventTypes().toArray(String[]::new))
        .param(endpoint.description())
        .param(endpoint.customerId())
        .param(secret)
        .param(Timestamp.from(endpoint.createdAt()))
        .update();
  }

  /** The endpoint, if it exists and {@code owner} may see it (null: any owner). */
  public Optional<WebhookEndpoint> find(UUID id, @Nullable UUID owner) {
    return jdbc.sql(
            "select "
                + COLUMNS
                + " from webhook_endpoints where id = ?"
                + " and (?::uuid is null or customer_id = ?::uuid)")
        .param(id)
        .param(owner)
        .param(owner)
        .query((rs, n) -> endpoint(rs))
        .optional();
  }

  /** The endpoints {@code owner} may see (null: all), oldest first. */
  public List<WebhookEndpoint> list(@Nullable UUID owner) {
    return jdbc.sql(
            "select "
                + COLUMNS
                + " from webhook_endpoints where (?::uuid is null or customer_id = ?::uuid)"
                + " order by created_at, id")
        .param(owner)
        .param(owner)
        .query((rs, n) -> endpoint(rs))
        .list();
  }

  public void update(WebhookEndpoint endpoint) {
    jdbc.sql(
            """
            update webhook_endpoints set url = ?, event_types = ?, description = ?, enabled = ?,
                disabled_reason = case when ? then null else disabled_reason end,
                failing_since = case when ? then null else failing_since end
            where id = ?
            """)
        .param(endpoint.url().toString())
        .param(endpoint.eventTypes().toArray(String[]::new))
        .param(endpoint.description())
        .param(endpoint.enabled())
        .param(endpoint.enabled())
        .param(endpoint.enabled())
        .param(endpoint.id())
        .update();
  }

  public boolean delete(UUID id) {
    return jdbc.sql("delete from webhook_endpoints where id = ?").param(id).update() == 1;
  }

  /** Replaces the secret; the old one goes on signing until {@code until}. */
  public void rotate(UUID id, String secret, Instant until) {
    jdbc.sql(
            """
            update webhook_endpoints set previous_secret = secret, previous_secret_expires = ?,
                secret = ?
            where id = ?
            """)
        .params(Timestamp.from(until), secret, id)
        .update();
  }

  /** The secrets that sign a delivery now: the current one, then the old one until it expires. */
  static List<String> secrets(
      String secret, @Nullable String previous, @Nullable Instant previousExpires, Instant now) {
    var secrets = new ArrayList<String>(List.of(secret));
    if (previous != null && previousExpires != null && previousExpires.isAfter(now)) {
      secrets.add(previous);
    }
    return secrets;
  }

  /**
   * After attempts, each endpoint's latest one: a success ends the failing streak, a failure starts
   * it if none. Only a change writes, so that busy endpoints' attempts do not queue for their row.
   */
  void attempted(List<Attempt> attempts) {
    var last = new LinkedHashMap<UUID, Attempt>();
    attempts.forEach(a -> last.merge(a.endpointId(), a, (x, y) -> y.at().isBefore(x.at()) ? x : y));
    var latest = List.copyOf(last.values());
    jdbc.sql(
            """
            update webhook_endpoints e
            set failing_since = case when a.delivered then null else a.at end
            from unnest(?::uuid[], ?::boolean[], ?::timestamptz[]) as a(id, delivered, at)
            where e.id = a.id
              and (a.delivered and e.failing_since is not null
                   or not a.delivered and e.failing_since is null)
            """)
        .params(
            column(latest, Attempt::endpointId),
            column(latest, Attempt::delivered),
            column(latest, Attempt::at))
        .update();
  }

  /** In {@link #wantedTypes()}: an endpoint wants every type. */
  static final String EVERY_TYPE = "*";

  /**
   * The CloudEvents types some enabled endpoint wants, with {@link #EVERY_TYPE} when one wants all;
   * empty when no endpoint is enabled.
   */
  Set<String> wantedTypes() {
    return Set.copyOf(
        jdbc.sql(
                """
                select distinct t from webhook_endpoints e,
                    unnest(case when cardinality(e.event_types) = 0 then array['*']
                                else e.event_types end) as t
                where e.enabled
                """)
            .query(String.class)
            .list());
  }

  /** Disables the endpoints that have failed every attempt since before {@code cutoff}. */
  int disableFailingSince(Instant cutoff, String reason) {
    return jdbc.sql(
            "update webhook_endpoints set enabled = false, disabled_reason = ?"
                + " where enabled and failing_since < ?")
        .params(reason, Timestamp.from(cutoff))
        .update();
  }

  private static WebhookEndpoint endpoint(ResultSet rs) throws SQLException {
    return new WebhookEndpoint(
        rs.getObject("id", UUID.class),
        URI.create(rs.getString("url")),
        types(rs.getArray("event_types")),
        rs.getString("description"),
        rs.getObject("customer_id", UUID.class),
        rs.getBoolean("enabled"),
        rs.getString("disabled_reason"),
        instant(rs.getTimestamp("failing_since")),
        rs.getTimestamp("created_at").toInstant());
  }

  private static List<String> types(Array array) throws SQLException {
    return List.of((String[]) array.getArray());
  }

  private static @Nullable Instant instant(@Nullable Timestamp timestamp) {
    return timestamp == null ? null : timestamp.toInstant();
  }
}
