package io.rastro.ops;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.rastro.shipmentview.ReadModelProperties;
import io.rastro.shipmentview.ShipmentStatusCounts;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.jspecify.annotations.Nullable;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;

/**
 * What the dashboard shows: every five seconds it samples the meters (rates from counters, gauges,
 * the query latency's p99) and keeps the last fifteen minutes; on demand it adds the catalogue's
 * current numbers.
 */
@Component
class Dashboard {

  static final Duration WINDOW = Duration.ofMinutes(15);
  static final Duration STEP = Duration.ofSeconds(5);
  private static final String DETAIL_URI = "/api/v1/shipments/{trackingNumber}";

  /** The charted series, in the order of {@link Sample#values}. */
  static final List<String> SERIES =
      List.of(
          "accepted",
          "written",
          "duplicates",
          "unmatched",
          "queueDepth",
          "oldestAge",
          "lag",
          "queryP99");

  private final MeterRegistry meters;
  private final JdbcClient jdbc;
  private final ReadModelProperties readModel;
  private final ShipmentStatusCounts statusCounts;
  private final Clock clock;
  private final ArrayDeque<Sample> samples = new ArrayDeque<>();
  private Map<String, Double> lastCounts = Map.of();
  private Instant lastAt = Instant.EPOCH;

  Dashboard(
      MeterRegistry meters,
      JdbcClient jdbc,
      ReadModelProperties readModel,
      ShipmentStatusCounts statusCounts,
      Clock clock) {
    this.meters = meters;
    this.jdbc = jdbc;
    this.readModel = readModel;
    this.statusCounts = statusCounts;
    this.clock = clock;
  }

  /**
   * One sample.
   *
   * @param values per series: events/s (accepted, written, duplicates, unmatched), queue depth,
   *     oldest age (s), read-model lag (s), detail query p99 (ms); NaN where unknown
   */
  @SuppressWarnings("ArrayRecordComponent") // samples are only serialized, never compared
  record Sample(long at, double[] values) {}

  @Scheduled(fixedRateString = "PT5S")
  synchronized void sample() {
    var now = clock.instant();
    var counts = new LinkedHashMap<String, Double>();
    for (var outcome : List.of("accepted", "written", "duplicate", "unmatched")) {
      counts.put(outcome, counter("rastro.tracking.events", outcome));
    }
    var seconds = Duration.between(lastAt, now).toMillis() / 1000.0;
    var values = new double[SERIES.size()];
    int i = 0;
    for (var outcome : counts.keySet()) {
      var before = lastCounts.get(outcome);
      values[i++] =
          before == null || seconds <= 0 ? Double.NaN : (counts.get(outcome) - before) / seconds;
    }
    values[i++] = gauge("rastro.ingest.queue.depth");
    values[i++] = gauge("rastro.ingest.queue.oldest.age");
    values[i++] = gauge("rastro.read_model.lag");
    values[i] = detailP99Millis();
    lastCounts = counts;
    lastAt = now;
    samples.addLast(new Sample(now.getEpochSecond(), values));
    while (samples.size() > WINDOW.dividedBy(STEP)) {
      samples.removeFirst();
    }
  }

  /** The series as columns, the form the chart library takes: {@code t} then one per series. */
  synchronized Map<String, Object> series() {
    var columns = new LinkedHashMap<String, Object>();
    columns.put("t", samples.stream().mapToLong(Sample::at).toArray());
    for (int s = 0; s < SERIES.size(); s++) {
      int index = s;
      columns.put(
          SERIES.get(s),
          samples.stream().map(sample -> finite(sample.values()[index])).toArray(Double[]::new));
    }
    return columns;
  }

  /** The numbers of now: the queue, what waits aside, shipments by status, table sizes. */
  Map<String, Object> now() {
    var now = new LinkedHashMap<String, Object>();
    now.put("queueDepth", finite(gauge("rastro.ingest.queue.depth")));
    now.put("oldestAgeSeconds", finite(gauge("rastro.ingest.queue.oldest.age")));
    now.put("readModelMode", readModel.mode().name().toLowerCase(Locale.ROOT).replace('_', '-'));
    now.put("readModelLagSeconds", finite(gauge("rastro.read_model.lag")));
    now.put("deadLetters", wholeGauge("rastro.ingest.dead_letters"));
    now.put("unmatched", wholeGauge("rastro.tracking.unmatched"));
    now.put("duplicatesTotal", finite(counter("rastro.tracking.events", "duplicate")));
    now.put("shipmentsByStatus", statusCounts.now());
    now.put(
        "tables",
        jdbc.sql(
                """
                select c.relname as name,
                       coalesce((select sum(pg_total_relation_size(t.relid))
                                 from pg_partition_tree(c.oid) t),
                                pg_total_relation_size(c.oid)) as bytes,
                       coalesce((select sum(greatest(p.reltuples, 0))
                                 from pg_partition_tree(c.oid) t join pg_class p on p.oid = t.relid),
                                greatest(c.reltuples, 0))::bigint as rows
                from pg_class c join pg_namespace n on n.oid = c.relnamespace
                where n.nspname = current_schema() and c.relkind in ('r', 'p', 'm')
                  and not c.relispartition and c.relname <> 'flyway_schema_history'
                order by bytes desc nulls last
                """)
            .query(
                (rs, row) ->
                    Map.of(
                        "name",
                        rs.getString("name"),
                        "bytes",
                        rs.getLong("bytes"),
                        "rows",
                        rs.getLong("rows")))
            .list());
    return now;
  }

  private double counter(String name, String outcome) {
    var counter = meters.find(name).tag("outcome", outcome).counter();
    return counter == null ? Double.NaN : counter.count();
  }

  /** A gauge that counts things, as a whole number; null where the gauge is missing. */
  private @Nullable Long wholeGauge(String name) {
    var value = gauge(name);
    return Double.isFinite(value) ? (long) value : null;
  }

  private double gauge(String name) {
    Gauge gauge = meters.find(name).gauge();
    return gauge == null ? Double.NaN : gauge.value();
  }

  /** The slowest p99 of the shipment detail query, over its outcomes, in milliseconds. */
  private double detailP99Millis() {
    return meters.find("http.server.requests").tag("uri", DETAIL_URI).timers().stream()
        .flatMap(timer -> Arrays.stream(timer.takeSnapshot().percentileValues()))
        .filter(p -> p.percentile() == 0.99)
        .mapToDouble(p -> p.value(TimeUnit.MILLISECONDS))
        .max()
        .orElse(Double.NaN);
  }

  private static @Nullable Double finite(double value) {
    return Double.isFinite(value) ? value : null;
  }
}
