package io.rastro.analytics.queries;

import io.rastro.analytics.AnalyticsEnabled;
import io.rastro.analytics.AnalyticsStore;
import io.rastro.archive.ArchiveFiles;
import io.rastro.archive.ArchivedShipment;
import io.rastro.outbox.OutboxCursors;
import io.rastro.tracking.TrackingStatus;
import io.swagger.v3.oas.annotations.media.Schema;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.concurrent.locks.LockSupport;
import org.jspecify.annotations.Nullable;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * Proves the engine's delivery figures equal to the write model's: waits until the engine has
 * loaded every event written before the check began, then compares, carrier by carrier over the
 * same window of creation times (the whole history by default), shipments, delivered, delivered
 * with a promised date, on time, and the on-time rate, with the same figures recomputed from
 * PostgreSQL's {@code shipments} and {@code tracking_events}, and from the shipments the archive
 * holds, read from its files. Exact when writes are quiet; a write or an archive run during the
 * check can show as a difference.
 */
@Component
@AnalyticsEnabled
class AnalyticsCheck {

  private static final Duration CATCH_UP = Duration.ofSeconds(60);

  private final AnalyticsStore store;
  private final Reports reports;
  private final JdbcClient jdbc;
  private final ArchiveFiles archive;
  private final Clock clock;

  AnalyticsCheck(AnalyticsStore store, JdbcClient jdbc, ArchiveFiles archive, Clock clock) {
    this.store = store;
    this.archive = archive;
    this.reports = new Reports(store.dialect());
    this.jdbc = jdbc;
    this.clock = clock;
  }

  /** One carrier's figures; {@code carrier} is {@code ""} for shipments without one. */
  record Figures(
      String carrier,
      long shipments,
      long delivered,
      long deliveredWithPromise,
      long onTime,
      @Nullable Double onTimeRate) {}

  /** A carrier whose figures differ, or are on one side only (null there). */
  @Schema(name = "AnalyticsDifference")
  record Difference(String carrier, @Nullable Figures expected, @Nullable Figures actual) {}

  /**
   * What a check found.
   *
   * @param engine the engine checked
   * @param carriers carriers compared
   * @param differing those that differ
   * @param examples up to ten of them
   * @param caughtUp whether the engine had loaded every event written before the check in time
   */
  @Schema(name = "AnalyticsCheck")
  record Result(
      String engine, int carriers, int differing, List<Difference> examples, boolean caughtUp) {}

  /** Checks the shipments created in the scope's window (its other filters are not used). */
  Result check(Scope scope) {
    var caughtUp = awaitLoadedUpTo(clock.instant());
    var expected = recomputed(scope);
    var actual = loaded(scope);
    var differences = new ArrayList<Difference>();
    var carriers = new TreeSet<String>(expected.keySet());
    carriers.addAll(actual.keySet());
    for (var carrier : carriers) {
      var e = expected.get(carrier);
      var a = actual.get(carrier);
      if (!Objects.equals(e, a)) {
        differences.add(new Difference(carrier, e, a));
      }
    }
    return new Result(
        store.name(),
        carriers.size(),
        differences.size(),
        differences.stream().limit(10).toList(),
        caughtUp);
  }

  private Map<String, Figures> recomputed(Scope scope) {
    var figures = new TreeMap<String, Figures>();
    jdbc.sql(
            """
            select coalesce(s.carrier_code, '') as carrier, count(*) as shipments,
                   count(d.delivered_at) as delivered,
                   count(*) filter (where d.delivered_at is not null
                                      and s.promised_delivery_date is not null) as with_promise,
                   count(*) filter (where d.delivered_at is not null
                                      and s.promised_delivery_date is not null
                                      and (d.delivered_at at time zone 'UTC')::date
                                          <= s.promised_delivery_date) as on_time
            from shipments s
            left join (select shipment_id,
                              min(occurred_at) filter (where status = 'DELIVERED') as delivered_at
                       from tracking_events group by shipment_id) d on d.shipment_id = s.id
            where s.created_at >= ? and s.created_at < ?
            group by 1
            """)
        .params(Timestamp.from(scope.from()), Timestamp.from(scope.to()))
        .query(
            (rs, n) -> {
              var withPromise = rs.getLong("with_promise");
              var onTime = rs.getLong("on_time");
              return new Figures(
                  rs.getString("carrier"),
                  rs.getLong("shipments"),
                  rs.getLong("delivered"),
                  withPromise,
                  onTime,
                  withPromise == 0 ? null : (double) onTime / withPromise);
            })
        .list()
        .forEach(f -> figures.put(f.carrier(), f));
    archive.forEachArchived(
        shipment -> {
          if (shipment.createdAt().isBefore(scope.from())
              || !shipment.createdAt().isBefore(scope.to())) {
            return;
          }
          var carrier = Objects.toString(shipment.carrierCode(), "");
          figures.merge(carrier, figures(carrier, shipment), AnalyticsCheck::sum);
        });
    return figures;
  }

  /** One archived shipment's figures, as the write model's query counts one. */
  private static Figures figures(String carrier, ArchivedShipment shipment) {
    var deliveredAt =
        shipment.events().stream()
            .filter(e -> e.status() == TrackingStatus.DELIVERED)
            .map(ArchivedShipment.Event::occurredAt)
            .min(Comparator.naturalOrder());
    var promised = shipment.promisedDeliveryDate();
    var withPromise = deliveredAt.isPresent() && promised != null;
    var onTime =
        withPromise && !LocalDate.ofInstant(deliveredAt.get(), ZoneOffset.UTC).isAfter(promised);
    return new Figures(
        carrier,
        1,
        deliveredAt.isPresent() ? 1 : 0,
        withPromise ? 1 : 0,
        onTime ? 1 : 0,
        withPromise ? (onTime ? 1.0 : 0.0) : null);
  }

  private static Figures sum(Figures a, Figures b) {
    var withPromise = a.deliveredWithPromise() + b.deliveredWithPromise();
    var onTime = a.onTime() + b.onTime();
    return new Figures(
        a.carrier(),
        a.shipments() + b.shipments(),
        a.delivered() + b.delivered(),
        withPromise,
        onTime,
        withPromise == 0 ? null : (double) onTime / withPromise);
  }

  private Map<String, Figures> loaded(Scope scope) {
    var window = new Scope(scope.from(), scope.to(), null, null, null, null);
    var table = store.query(reports.deliveryPerformance(Reports.PerformanceGroup.CARRIER, window));
    var figures = new TreeMap<String, Figures>();
    for (var row : ReportFormat.objects(table)) {
      var carrier = Objects.toString(row.get("group"), "");
      figures.put(
          carrier,
          new Figures(
              carrier,
              number(row.get("shipments")),
              number(row.get("delivered")),
              number(row.get("deliveredWithPromise")),
              number(row.get("onTime")),
              (Double) row.get("onTimeRate")));
    }
    return figures;
  }

  private static long number(@Nullable Object value) {
    return value == null ? 0 : ((Number) value).longValue();
  }

  /** Waits until the engine's cursor is past every event written up to this instant. */
  private boolean awaitLoadedUpTo(Instant instant) {
    var deadline = System.nanoTime() + CATCH_UP.toNanos();
    while (System.nanoTime() < deadline) {
      var behind =
          jdbc.sql(
                  "select "
                      + OutboxCursors.anyBeyondCursor(store.cursorName(), "o.occurred_at <= ?"))
              .param(Timestamp.from(instant))
              .query(Boolean.class)
              .single();
      if (!behind) {
        return true;
      }
      LockSupport.parkNanos(Duration.ofMillis(20).toNanos());
    }
    return false;
  }
}
