package io.rastro.bench;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Collectors;
import org.HdrHistogram.Histogram;

/**
 * The search benchmark's findings as {@code BENCHMARKS-search.md} and a JSON file: per engine, size
 * and condition, each kind of query through Rastro's API beside the same query sent straight to the
 * engine, their ratio, the index freshness, and where the PostgreSQL engine stops keeping up.
 */
final class SearchReport {

  /** Through Rastro's API, p99 at most this many times the raw engine query's. */
  static final double TARGET_RATIO = 1.5;

  /** The p99 the issue asks of a search at 1,000,000 shipments, in milliseconds. */
  static final double TARGET_P99_MS = 50;

  /** The p99 the issue asks of index freshness, in milliseconds. */
  static final double TARGET_FRESHNESS_MS = 2000;

  /** Where a measurement ran: an engine, a number of shipments, alone or during ingest. */
  record Setting(String engine, long shipments, String condition) {}

  /**
   * Latencies of one kind of query in one setting, in milliseconds (not a number when there were
   * too few samples for it).
   *
   * @param samples how many queries of each side were timed
   * @param rastroCpuMicros Rastro's JVM's CPU per API query; not a number when not measured
   * @param engineCpuMicros the engine's CPU per query (API and raw queries alike)
   */
  record Row(
      Setting setting,
      String kind,
      long samples,
      double apiP50,
      double apiP99,
      double rawP50,
      double rawP99,
      double rastroCpuMicros,
      double engineCpuMicros) {

    static Row of(
        Setting setting,
        String kind,
        Histogram api,
        Histogram raw,
        double rastroCpuMicros,
        double engineCpuMicros) {
      return new Row(
          setting,
          kind,
          Math.min(api.getTotalCount(), raw.getTotalCount()),
          Percentiles.millis(api, 50),
          Percentiles.millis(api, 99),
          Percentiles.millis(raw, 50),
          Percentiles.millis(raw, 99),
          rastroCpuMicros,
          engineCpuMicros);
    }

    /** API p99 over raw p99; not a number when either was refused. */
    double ratio() {
      return apiP99 / rawP99;
    }
  }

  /** One query's medians, to see which queries a kind's percentiles come from. */
  record Detail(Setting setting, String query, long samples, double apiP50, double rawP50) {}

  /**
   * Where an API search's time goes, as means over a run in milliseconds: from the client's request
   * to its answer; inside Rastro's server (Spring's {@code http.server.requests}); inside the
   * engine's part ({@code rastro.pipeline.step{step=search.query}}); and the same query sent
   * straight to the engine.
   */
  record Breakdown(
      Setting setting, String kind, double client, double server, double engine, double raw) {}

  /** Index freshness: from a probe event's {@code 202} until a search finds it. */
  record Freshness(Setting setting, long probes, long unseen, double p50, double p99) {}

  private final String plan;
  private final String context;
  private final List<Row> rows = new ArrayList<>();
  private final List<Detail> details = new ArrayList<>();
  private final List<Freshness> freshness = new ArrayList<>();
  private final List<Breakdown> breakdowns = new ArrayList<>();
  private final Map<Setting, Double> ingest = new LinkedHashMap<>();
  private final Map<String, String> notes = new LinkedHashMap<>();

  SearchReport(String plan, String context) {
    this.plan = plan;
    this.context = context;
  }

  void add(Row row) {
    rows.add(row);
  }

  void add(Detail detail) {
    details.add(detail);
  }

  void add(Breakdown breakdown) {
    breakdowns.add(breakdown);
  }

  void add(Freshness probe) {
    freshness.add(probe);
  }

  /** The ingest rate reached while the searches of {@code setting} ran. */
  void ingested(Setting setting, double eventsPerSecond) {
    ingest.put(setting, eventsPerSecond);
  }

  /** A line about an engine at a size, such as how long its index took to fill. */
  void note(String engine, long shipments, String text) {
    notes.merge(engine + " at " + count(shipments), text, (a, b) -> a + "; " + b);
  }

  String markdown(String date) {
    var text = new StringBuilder();
    text.append("# Search\n\n")
        .append(
            "Written by `bench/run search %s` (%s). %s One client sends each query through"
                .formatted(plan, date, context))
        .append(
            """
             Rastro's API (`GET /api/v1/shipments/search`) and, right after it, the same query
            straight to the engine (for PostgreSQL the statements Rastro's `PostgresQuery` builds,
            for Elasticsearch the body its `ElasticsearchQuery` builds), after a warm-up; each
            kind pools its queries (below). Targets: API p99 at most %.1f× the raw query's, at
            most %,.0f ms at 1,000,000 shipments on Elasticsearch; freshness p99 at most %,.0f ms.
            A percentile needs enough samples (299 for p99): else `n/a (n=…)`. CPU per query,
            alone, from `/proc`, above what each spent idle in the 5 s before: Rastro's JVM over
            the API queries; the engine's (PostgreSQL's postmaster and children, or the
            Elasticsearch node) over the API and raw queries together.
            """
                .formatted(TARGET_RATIO, TARGET_P99_MS, TARGET_FRESHNESS_MS));
    text.append(
        """

        | engine | shipments | condition | query | API p50 ms | API p99 ms | raw p50 ms | raw p99 ms | p99 API/raw | samples | Rastro CPU µs/query | engine CPU µs/query |
        |---|---|---|---|---|---|---|---|---|---|---|---|
        """);
    for (var row : rows) {
      var s = row.setting();
      text.append(
          "| %s | %s | %s | %s | %s | %s | %s | %s | %s | %,d | %s | %s |\n"
              .formatted(
                  s.engine(),
                  count(s.shipments()),
                  condition(s),
                  row.kind(),
                  millis(row.apiP50(), row.samples()),
                  millis(row.apiP99(), row.samples()),
                  millis(row.rawP50(), row.samples()),
                  millis(row.rawP99(), row.samples()),
                  ratio(row.ratio()),
                  row.samples(),
                  micros(row.rastroCpuMicros()),
                  micros(row.engineCpuMicros())));
    }
    text.append("\n## Where an API search's time goes\n\n")
        .append(
            "Means per query, alone: the client's time, Rastro's server's (from Spring's"
                + " `http.server.requests`), the engine's part inside it"
                + " (`rastro.pipeline.step{step=search.query}`), and the raw query's.\n\n")
        .append(
            "| engine | shipments | query | client ms | server ms | engine part ms | raw ms |"
                + " outside the server ms | server minus engine ms | engine part minus raw ms |\n")
        .append("|---|---|---|---|---|---|---|---|---|---|\n");
    for (var b : breakdowns) {
      text.append(
          "| %s | %s | %s | %s | %s | %s | %s | %s | %s | %s |\n"
              .formatted(
                  b.setting().engine(),
                  count(b.setting().shipments()),
                  b.kind(),
                  mean(b.client()),
                  mean(b.server()),
                  mean(b.engine()),
                  mean(b.raw()),
                  mean(b.client() - b.server()),
                  mean(b.server() - b.engine()),
                  mean(b.engine() - b.raw())));
    }
    text.append("\n## Index freshness\n\n")
        .append(
            "From a tracking event's `202` (a new word in its description) until a search for the"
                + " word finds its shipment; polled every 10 ms, four probes at a time. Both"
                + " engines wait for the write queue, the outbox relay and the search consumer;"
                + " Elasticsearch then shows a write at its next refresh, every second by default"
                + " (`index.refresh_interval`), which is most of its figure.\n\n")
        .append("| engine | shipments | p50 ms | p99 ms | probes | not found in 30 s |\n")
        .append("|---|---|---|---|---|---|\n");
    for (var probe : freshness) {
      text.append(
          "| %s | %s | %s | %s | %,d | %,d |\n"
              .formatted(
                  probe.setting().engine(),
                  count(probe.setting().shipments()),
                  millis(probe.p50(), probe.probes()),
                  millis(probe.p99(), probe.probes()),
                  probe.probes(),
                  probe.unseen()));
    }
    text.append("\n## Where the PostgreSQL engine stops keeping up\n\n")
        .append(postgresVerdict(rows))
        .append("\n\n## Against the targets\n\n")
        .append(ratioVerdict(rows))
        .append('\n');
    if (!notes.isEmpty()) {
      text.append("\n## Notes\n\n");
      notes.forEach(
          (where, note) -> text.append("- ").append(where).append(": ").append(note).append('\n'));
    }
    text.append("\n## Each query, medians\n\n")
        .append("| engine | shipments | condition | query | API p50 ms | raw p50 ms | samples |\n")
        .append("|---|---|---|---|---|---|---|\n");
    for (var detail : details) {
      var s = detail.setting();
      text.append(
          "| %s | %s | %s | %s | %s | %s | %,d |\n"
              .formatted(
                  s.engine(),
                  count(s.shipments()),
                  condition(s),
                  detail.query(),
                  millis(detail.apiP50(), detail.samples()),
                  millis(detail.rawP50(), detail.samples()),
                  detail.samples()));
    }
    return text.toString();
  }

  private String condition(Setting setting) {
    var rate = ingest.get(setting);
    return rate == null
        ? setting.condition()
        : "%s (reached %,.0f events/s)".formatted(setting.condition(), rate);
  }

  /**
   * Where the postgres engine's p99 through the API first goes above {@link #TARGET_P99_MS}, by
   * kind of query, from the sizes and conditions measured; or that it never did.
   */
  static String postgresVerdict(List<Row> rows) {
    var postgres = rows.stream().filter(r -> r.setting().engine().equals("postgres")).toList();
    if (postgres.isEmpty()) {
      return "The PostgreSQL engine was not measured.";
    }
    var lines = new ArrayList<String>();
    for (var kind : postgres.stream().map(Row::kind).distinct().toList()) {
      var ofKind = postgres.stream().filter(r -> r.kind().equals(kind)).toList();
      var figures =
          ofKind.stream()
              .map(
                  r ->
                      "%s ms at %s %s"
                          .formatted(
                              millis(r.apiP99(), r.samples()),
                              count(r.setting().shipments()),
                              r.setting().condition()))
              .collect(Collectors.joining(", "));
      var over =
          ofKind.stream()
              .filter(r -> !Double.isNaN(r.apiP99()) && r.apiP99() > TARGET_P99_MS)
              .toList();
      var refused =
          ofKind.stream().filter(r -> Double.isNaN(r.apiP99())).map(SearchReport::where).toList();
      var verdict =
          !over.isEmpty()
              ? "stops keeping up (p99 above %,.0f ms) at %s"
                  .formatted(
                      TARGET_P99_MS,
                      over.stream().map(SearchReport::where).collect(Collectors.joining(", ")))
              : refused.size() == ofKind.size()
                  ? "too few samples to tell"
                  : "within %,.0f ms wherever there were samples enough".formatted(TARGET_P99_MS)
                      + (refused.isEmpty()
                          ? ""
                          : " (too few at " + String.join(", ", refused) + ")");
      lines.add("- %s: p99 through the API %s: %s.".formatted(kind, figures, verdict));
    }
    return String.join("\n", lines);
  }

  private static String where(Row row) {
    return count(row.setting().shipments()) + " " + row.setting().condition();
  }

  /** Each row's p99 ratio against {@link #TARGET_RATIO}, and Elasticsearch's against 50 ms. */
  static String ratioVerdict(List<Row> rows) {
    var lines = new ArrayList<String>();
    for (var row : rows) {
      var s = row.setting();
      var where =
          "%s, %s, %s, %s".formatted(s.engine(), count(s.shipments()), s.condition(), row.kind());
      if (Double.isNaN(row.ratio())) {
        lines.add("- %s: no ratio, too few samples (n=%,d).".formatted(where, row.samples()));
        continue;
      }
      var line =
          "- %s: %s× the raw p99, %s."
              .formatted(
                  where,
                  ratio(row.ratio()),
                  row.ratio() <= TARGET_RATIO ? "meets the target" : "misses the target");
      if (s.engine().equals("elasticsearch") && s.shipments() >= 1_000_000) {
        line +=
            " p99 %s ms, %s the %,.0f ms target."
                .formatted(
                    millis(row.apiP99(), row.samples()),
                    row.apiP99() <= TARGET_P99_MS ? "within" : "above",
                    TARGET_P99_MS);
      }
      lines.add(line);
    }
    return String.join("\n", lines);
  }

  /** The findings as JSON, for tools. */
  Map<String, Object> json() {
    var json = new LinkedHashMap<String, Object>();
    json.put("plan", plan);
    json.put("rows", rows);
    json.put("freshness", freshness);
    json.put(
        "ingest",
        ingest.entrySet().stream()
            .map(e -> Map.of("setting", e.getKey(), "eventsPerSecond", e.getValue()))
            .toList());
    json.put("details", details);
    json.put("breakdowns", breakdowns);
    json.put("notes", notes);
    return json;
  }

  /** A percentile, or why not: refused for too few samples. */
  static String millis(double value, long samples) {
    return Double.isNaN(value)
        ? Percentiles.notAvailable(samples)
        : String.format(Locale.ROOT, value < 10 ? "%.2f" : "%,.1f", value);
  }

  private static String mean(double millis) {
    return Double.isNaN(millis) ? "–" : String.format(Locale.ROOT, "%.2f", millis);
  }

  private static String ratio(double value) {
    return Double.isNaN(value) ? "n/a" : String.format(Locale.ROOT, "%.2f", value);
  }

  /** CPU per query; below zero when the idle baseline varied more than the queries cost. */
  static String micros(double value) {
    if (Double.isNaN(value)) {
      return "–";
    }
    return value < 0 ? "below idle" : String.format(Locale.ROOT, "%,.0f", value);
  }

  private static String count(long shipments) {
    return String.format(Locale.ROOT, "%,d", shipments);
  }
}
