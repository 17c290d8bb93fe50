package io.rastro.shipmentview.refresh;

import io.rastro.outbox.OutboxCursors;
import io.rastro.shipmentview.ReadModelProperties;
import java.sql.Timestamp;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.locks.LockSupport;
import org.jspecify.annotations.Nullable;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * The check in one database ({@code rastro.role=all}): recomputes the read model from the
 * normalized tables (a refresh of the materialized view), waits until the projection has applied
 * every write before that, and compares them row by row ({@link Compared}).
 */
@Component
class SameDatabaseCheck implements ReadModelCheck {

  private static final Duration CATCH_UP = Duration.ofSeconds(30);

  private final JdbcClient jdbc;
  private final ShipmentDetailsRefresher refresher;
  private final ReadModelProperties properties;

  SameDatabaseCheck(
      JdbcClient jdbc, ShipmentDetailsRefresher refresher, ReadModelProperties properties) {
    this.jdbc = jdbc;
    this.refresher = refresher;
    this.properties = properties;
  }

  @Override
  public Result check(@Nullable String authorization) {
    var recomputed = refresher.refresh().asOf();
    if (properties.mode() == ReadModelProperties.Mode.MATERIALIZED_VIEW) {
      return new Result(
          refresher.shipments(), 0, List.of()); // the read model is the recomputation itself
    }
    awaitProjectionPast(recomputed);
    var differences =
        jdbc.sql(
                """
                with expected as (select %1$s from shipment_details),
                     actual as (select %1$s from shipment_projection_details)
                select coalesce(e.tracking_number, a.tracking_number) as tracking_number,
                       to_jsonb(e)::text as expected, to_jsonb(a)::text as actual
                from expected e full join actual a using (tracking_number)
                where e is distinct from a
                order by 1
                """
                    .formatted(Compared.COLUMNS))
            .query((rs, n) -> new Difference(rs.getString(1), rs.getString(2), rs.getString(3)))
            .list();
    return new Result(
        refresher.shipments(), differences.size(), differences.stream().limit(10).toList());
  }

  private void awaitProjectionPast(java.time.Instant instant) {
    var deadline = System.nanoTime() + CATCH_UP.toNanos();
    while (System.nanoTime() < deadline) {
      var behind =
          jdbc.sql(
                  "select "
                      + OutboxCursors.anyBeyondCursor(
                          ReadModelProperties.PROJECTION_CURSOR, "o.occurred_at <= ?"))
              .param(Timestamp.from(instant))
              .query(Boolean.class)
              .single();
      if (!behind) {
        return;
      }
      LockSupport.parkNanos(Duration.ofMillis(10).toNanos());
    }
  }
}
