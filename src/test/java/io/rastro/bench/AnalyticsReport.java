package io.rastro.bench;

import io.rastro.analytics.queries.ReportQueries;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import org.HdrHistogram.Histogram;

/**
 * What {@code bench/run analytics} found, as {@code BENCHMARKS-analytics.md}: per size, the loading
 * and lag of each engine, and every report through the API, of the engine alone and of PostgreSQL's
 * write model, with their ratios. Rewritten after each part, so that a run that stops half-way
 * leaves what it measured.
 */
final class AnalyticsReport {

  /** The targets of issue 17: the API within 2× of the engine, 10× faster than PostgreSQL. */
  static final double API_OVER_ENGINE = 2;

  static final double BASELINE_OVER_API = 10;

  /**
   * A loader's catching up: the tracking events among the outbox rows it took, the time, and the
   * CPU (µs) of Rastro's JVM, of its PostgreSQL and of the ClickHouse server.
   */
  record Loading(
      long events, long rows, double seconds, double rastro, double postgres, double server) {

    double eventsPerSecond() {
      return events / seconds;
    }

    /** CPU milliseconds per 1,000 tracking events, of all three. */
    double cpuPerThousand() {
      return (rastro + postgres + server) / events;
    }
  }

  /** The lag probes' times from their write and from their {@code 202} to being counted (µs). */
  record Lag(Histogram fromWrite, Histogram fromAccept) {}

  /** The measurements at one size. */
  static final class Size {
    final long shipments;
    final long events;
    final Map<String, Loading> loading = new LinkedHashMap<>();
    final Map<String, Lag> lag = new LinkedHashMap<>();
    final Map<String, Map<String, Histogram>> api = new LinkedHashMap<>();
    final Map<String, Map<String, Histogram>> raw = new LinkedHashMap<>();
    final Map<String, Histogram> baseline = new LinkedHashMap<>();
    final Map<String, Optional<String>> differences = new LinkedHashMap<>();

    Size(long shipments, long events) {
      this.shipments = shipments;
      this.events = events;
    }

    String label() {
      return String.format(Locale.ROOT, "%,d events", events);
    }

    void loading(String engine, Loading measured) {
      loading.put(engine, measured);
    }

    void lag(String engine, Lag measured) {
      lag.put(engine, measured);
    }

    void api(String engine, ReportQueries.Report report, Histogram micros) {
      api.computeIfAbsent(engine, e -> new LinkedHashMap<>()).put(report.title(), micros);
    }

    void raw(String engine, ReportQueries.Report report, Histogram micros) {
      raw.computeIfAbsent(engine, e -> new LinkedHashMap<>()).put(report.title(), micros);
    }

    void baseline(ReportQueries.Report report, Histogram micros, Optional<String> difference) {
      baseline.put(report.title(), micros);
      differences.put(report.title(), difference);
    }
  }

  private final AnalyticsPlan plan;
  private final String command;
  private final List<Size> sizes = new ArrayList<>();

  AnalyticsReport(AnalyticsPlan plan, String command) {
    this.plan = plan;
    this.command = command;
  }

  Size size(long shipments, long events) {
    var size = new Size(shipments, events);
    sizes.add(size);
    return size;
  }

  /** Writes the report; {@code progress} is empty once the run has finished. */
  void write(String progress) throws IOException {
    var text = markdown(progress);
    Files.writeString(Path.of("BENCHMARKS-analytics.md"), text);
    System.out.println(text);
  }

  String markdown(String progress) {
    var out = new StringBuilder();
    out.append("# Analytics\n\n");
    if (!progress.isEmpty()) {
      out.append("**Unfinished run** (").append(progress).append(").\n\n");
    }
    out.append(
        """
        Written by `bench/run analytics %s` (%s): the write model filled by COPY with realistic
        histories (6 carriers, 6 origins in 3 countries, 8 destinations in 7, a promised date for
        4 shipments in 5; 5.8 events a shipment: picked up, transit, 5 %% an exception then
        delivered, 5 %% a failed attempt, 3 %% returned, 4 %% still on the way) and their domain
        events in the outbox; each engine's own loader (its outbox consumer) takes them, then each
        report is asked %d times (after %d) through Rastro's API, %d times of the engine with the
        same SQL without Rastro (`ReportQueries`: the application's `Reports`), and %d times (after
        1) of PostgreSQL's write model with the same question in plain SQL (`AnalyticsBaseline`),
        one client at a time, over the shipments of the last year. ClickHouse 18.16 on the same
        machine, its batch interval %s; DuckDB in Rastro's JVM (1 GB, 2 threads; its raw queries in
        the harness's JVM with the same settings, Rastro stopped, as DuckDB lets one process open
        its file). Times in ms, as `p50 · p90 · p99`; a percentile from too few samples reads `n/a`
        (see the README's "How to read its figures"). Ratios are of the p50s. Each size is loaded
        on top of the one before. The machine's load average when this was written: %s on %d
        cores; the real measurement needs a machine with nothing else running.

        """
            .formatted(
                command,
                LocalDate.now(),
                plan.repetitions(),
                AnalyticsScenario.WARM_UP,
                plan.repetitions(),
                plan.baselineRepetitions(),
                plan.clickHouseBatchInterval(),
                loadAverage(),
                Runtime.getRuntime().availableProcessors()));
    out.append("## Loading and lag\n\n");
    out.append(
        "| engine | write model | events loaded (outbox rows) | s | events/s |"
            + " CPU ms per 1,000 events: Rastro · PostgreSQL · ClickHouse = total |"
            + " lag from write: p50 · p90 · p99 | lag from 202 |\n");
    out.append("|---|---|---|---|---|---|---|---|\n");
    for (var size : sizes) {
      for (var entry : size.loading.entrySet()) {
        var l = entry.getValue();
        var lag = size.lag.get(entry.getKey());
        out.append(
            String.format(
                Locale.ROOT,
                "| %s | %s | %,d (%,d) | %.1f | %,.0f | %.1f · %.1f · %.1f = %.1f | %s | %s |%n",
                entry.getKey(),
                size.label(),
                l.events(),
                l.rows(),
                l.seconds(),
                l.eventsPerSecond(),
                l.rastro() / l.events(),
                l.postgres() / l.events(),
                l.server() / l.events(),
                l.cpuPerThousand(),
                lag == null ? "" : percentiles(lag.fromWrite()),
                lag == null ? "" : percentiles(lag.fromAccept())));
      }
    }
    out.append(
        "\nLag: an event sent through the API to a shipment of a carrier of its own, then that"
            + " carrier's volume report asked, one request after the other, until an answer counts"
            + " it; from its outbox row's time (its write) and from its `202` to that answer's"
            + " arrival, so both include one report's time. Loading: from the loader's cursor set"
            + " back to where it stood before the bulk load until it has taken every row; the CPU"
            + " of Rastro's JVM, of its PostgreSQL (postmaster and children) and of ClickHouse's"
            + " server, from /proc, over the tracking events loaded (the shipments' rows come"
            + " free).\n");
    for (var size : sizes) {
      out.append("\n## ").append(size.label());
      out.append(String.format(Locale.ROOT, " (%,d shipments)%n", size.shipments));
      for (var engine : size.api.keySet()) {
        out.append("\n### ").append(engine).append("\n\n");
        out.append(
            "| report | API | engine | API / engine | PostgreSQL | PostgreSQL / API |"
                + " PostgreSQL's figures equal the API's |\n");
        out.append("|---|---|---|---|---|---|---|\n");
        var raw = size.raw.getOrDefault(engine, Map.of());
        for (var entry : size.api.get(engine).entrySet()) {
          var report = entry.getKey();
          var api = entry.getValue();
          var engineTimes = raw.get(report);
          var baseline = size.baseline.get(report);
          var difference = size.differences.get(report);
          out.append(
              "| %s | %s | %s | %s | %s | %s | %s |%n"
                  .formatted(
                      report,
                      percentiles(api),
                      engineTimes == null ? "" : percentiles(engineTimes),
                      engineTimes == null ? "" : ratio(api, engineTimes, API_OVER_ENGINE, false),
                      baseline == null ? "" : percentiles(baseline),
                      baseline == null ? "" : ratio(baseline, api, BASELINE_OVER_API, true),
                      difference == null ? "" : difference.map(d -> "**no**: " + d).orElse("yes")));
        }
      }
    }
    out.append(
        "\nTargets (issue 17, at 10 million events): API / engine ≤ %.0f, PostgreSQL / API ≥ %.0f;"
                .formatted(API_OVER_ENGINE, BASELINE_OVER_API)
            + " a ratio that misses its target is in bold.\n");
    return out.toString();
  }

  private static String loadAverage() {
    try {
      return Files.readString(Path.of("/proc/loadavg")).split(" ")[0];
    } catch (IOException e) {
      return "unknown";
    }
  }

  /** p50 · p90 · p99 in milliseconds, each only from enough samples. */
  static String percentiles(Histogram micros) {
    var cells = new ArrayList<String>();
    for (var p : new double[] {50, 90, 99}) {
      var value = Percentiles.millis(micros, p);
      cells.add(
          Double.isNaN(value)
              ? Percentiles.notAvailable(micros.getTotalCount())
              : String.format(Locale.ROOT, "%.1f", value));
    }
    return String.join(" · ", cells);
  }

  /**
   * The ratio of the p50s, in bold where it misses the target: above it, or below it when {@code
   * atLeast}.
   */
  static String ratio(Histogram numerator, Histogram denominator, double target, boolean atLeast) {
    var a = Percentiles.millis(numerator, 50);
    var b = Percentiles.millis(denominator, 50);
    if (Double.isNaN(a) || Double.isNaN(b) || b == 0) {
      return "n/a";
    }
    var ratio = a / b;
    var text = String.format(Locale.ROOT, "%.1f×", ratio);
    var met = atLeast ? ratio >= target : ratio <= target;
    return met ? text : "**" + text + "**";
  }
}
