package io.rastro.shipmentview.refresh;

import io.rastro.outbox.OutboxCursors;
import io.rastro.shipmentview.ReadModelProperties;
import io.swagger.v3.oas.annotations.media.Schema;
import java.sql.Timestamp;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.locks.LockSupport;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * Proves the projection equal to the write model: recomputes the read model from the normalized
 * tables (a refresh of the materialized view), waits until the projection has applied every write
 * before that, and compares them row by row: status, the last event, event count, delivery time,
 * owner, carrier, reference, creation time, and the set of event ids in the history. Exact when
 * writes are quiet; under load, a write committed during the check can show as a difference on its
 * shipment.
 */
@Component
class ReadModelCheck {

  private static final Duration CATCH_UP = Duration.ofSeconds(30);

  /**
   * What is compared. The last event whole, its instants as instants (a projection written by an
   * older Rastro spells them {@code Z}, the database {@code +00:00}).
   */
  private static final String COMPARED =
      """
      tracking_number, status, event_count::bigint as event_count, delivered_at, customer_id,
      carrier_code, reference, created_at,
      last_event || jsonb_build_object(
          'occurredAt', (last_event ->> 'occurredAt')::timestamptz,
          'receivedAt', (last_event ->> 'receivedAt')::timestamptz) as last_event,
      (select array_agg(x order by x) from (select e ->> 'eventId' as x
       from jsonb_array_elements(events) e) ids) as event_ids""";

  private final JdbcClient jdbc;
  private final ShipmentDetailsRefresher refresher;
  private final ReadModelProperties properties;

  ReadModelCheck(
      JdbcClient jdbc, ShipmentDetailsRefresher refresher, ReadModelProperties properties) {
    this.jdbc = jdbc;
    this.refresher = refresher;
    this.properties = properties;
  }

  /**
   * What a check found.
   *
   * @param checked shipments the recomputation has
   * @param differing shipments whose projected row differs from the recomputed one, or is missing
   *     on one side
   * @param examples up to ten of them, each with both versions
   */
  @Schema(name = "ReadModelCheck")
  record Result(long checked, long differing, List<Difference> examples) {}

  /** One shipment that differs: the recomputed row and the projected one (null where missing). */
  @Schema(name = "ReadModelDifference")
  record Difference(String trackingNumber, String expected, String actual) {}

  Result check() {
    var recomputed = refresher.refresh().asOf();
    if (properties.mode() == ReadModelProperties.Mode.MATERIALIZED_VIEW) {
      return new Result(
          recomputedShipments(), 0, List.of()); // the read model is the recomputation itself
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
                    .formatted(COMPARED))
            .query((rs, n) -> new Difference(rs.getString(1), rs.getString(2), rs.getString(3)))
            .list();
    return new Result(
        recomputedShipments(), differences.size(), differences.stream().limit(10).toList());
  }

  /** How many shipments the recomputation (the materialized view) holds. */
  long recomputedShipments() {
    return jdbc.sql("select count(*) from shipment_details").query(Long.class).single();
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
