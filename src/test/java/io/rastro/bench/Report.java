package io.rastro.bench;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;
import org.jfree.chart.ChartFactory;
import org.jfree.chart.ChartUtils;
import org.jfree.chart.plot.PlotOrientation;
import org.jfree.data.xy.XYSeries;
import org.jfree.data.xy.XYSeriesCollection;
import tools.jackson.databind.json.JsonMapper;

/** Writes what a harness run measured: {@code BENCHMARKS.md}, the raw JSON and the charts. */
final class Report {

  private final String plan;
  private final String database;
  private final List<Outcome> outcomes;
  private final Map<String, Double> limits;
  private final List<Profile.Result> profiles;
  private final Map<String, String> durability;
  private final int repetitions;

  Report(
      String plan,
      String database,
      List<Outcome> outcomes,
      Map<String, Double> limits,
      List<Profile.Result> profiles,
      Map<String, String> durability,
      int repetitions) {
    this.plan = plan;
    this.database = database;
    this.outcomes = outcomes;
    this.limits = limits;
    this.profiles = profiles;
    this.durability = durability;
    this.repetitions = repetitions;
  }

  /**
   * Writes the report and its data.
   *
   * @param variant empty for the default run ({@code BENCHMARKS.md}, {@code bench/results}); a name
   *     such as {@code server} for another ({@code BENCHMARKS-server.md}, {@code
   *     bench/results/server})
   * @param progress empty once the run has finished; before, what it has done so far, shown at the
   *     top (the report is written after each part, so that a run that fails later leaves what it
   *     measured)
   */
  void write(Path root, String variant, String progress) throws IOException {
    var folder = variant.isEmpty() ? "bench/results" : "bench/results/" + variant;
    var results = Files.createDirectories(root.resolve(folder));
    var json = new LinkedHashMap<String, Object>();
    json.put("plan", plan);
    json.put("at", Instant.now().toString());
    if (!progress.isEmpty()) {
      json.put("unfinished", progress);
    }
    json.put("machine", machine());
    json.put("limits", limits);
    json.put("durability", durability);
    json.put("repetitions", repetitions);
    json.put("outcomes", outcomes);
    json.put("profiles", profiles);
    Files.writeString(
        results.resolve("latest.json"),
        JsonMapper.builder().build().writerWithDefaultPrettyPrinter().writeValueAsString(json));
    var charts = new StringBuilder();
    for (var outcome : outcomes) {
      if (!outcome.perSecond().isEmpty()) {
        var file = slug(outcome.scenario() + "-" + outcome.backend()) + ".png";
        chart(outcome, results.resolve(file));
        charts.append(
            "- [%s, %s](%s/%s)%n".formatted(outcome.scenario(), outcome.backend(), folder, file));
      }
    }
    if (!growth().isEmpty()) {
      growthChart(growth(), results.resolve("growth.png"));
      charts.append("- [cost against data size](" + folder + "/growth.png)\n");
    }
    Files.writeString(
        root.resolve(variant.isEmpty() ? "BENCHMARKS.md" : "BENCHMARKS-" + variant + ".md"),
        markdown(charts.toString(), variant, progress));
  }

  private Map<String, String> machine() {
    var machine = new LinkedHashMap<String, String>();
    machine.put("cores", String.valueOf(Runtime.getRuntime().availableProcessors()));
    var os = ManagementFactory.getOperatingSystemMXBean();
    if (os instanceof com.sun.management.OperatingSystemMXBean sun) {
      machine.put(
          "memory GiB",
          String.format(Locale.ROOT, "%.1f", sun.getTotalMemorySize() / 1073741824.0));
    }
    machine.put("os", System.getProperty("os.name") + " " + System.getProperty("os.version"));
    machine.put(
        "java", System.getProperty("java.vm.name") + " " + System.getProperty("java.version"));
    machine.put("postgresql", database);
    return machine;
  }

  private String markdown(String charts, String variant, String progress) {
    var text = new StringBuilder();
    text.append("# Benchmarks\n\n")
        .append("Written by the harness (`bench/run ")
        .append(plan)
        .append(variant.isEmpty() ? "" : " " + variant)
        .append("`), never by hand: ")
        .append(Instant.now())
        .append(", plan `")
        .append(plan)
        .append("`.\n")
        .append(progress.isEmpty() ? "" : "\n**Unfinished run**: " + progress + ".\n\n")
        .append(
            "Each Rastro runs as its own process from the packaged jar (PostgreSQL: "
                + database
                + "); ")
        .append(
            "the load comes from another process on the same machine, over HTTP on loopback, so ")
        .append("client and server share the cores.\n\n")
        .append(
            "Each measured part runs %d times after a warm-up that lasts until the rate is steady (two windows in a row within 10 %%); a figure is of all repetitions together, and `±` beside it is half the range between the lowest and the highest repetition, relative to the figure: a change smaller than that is noise. "
                .formatted(repetitions))
        .append(
            "A percentile is shown only from enough samples that their largest bounds it with 95 %% confidence (%,d for p50, %,d for p99, %,d for p99.9); from fewer it reads `n/a (n=…)`. "
                .formatted(
                    Percentiles.minimumSamples(50),
                    Percentiles.minimumSamples(99),
                    Percentiles.minimumSamples(99.9)))
        .append(
            "Written events are rows the server wrote (`rastro_tracking_events_total{outcome=\"written\"}`): not the traffic's retries (5 %) nor its events for unknown shipments (1 %), which are accepted but not written. `CPU µs/written event` is the CPU time Rastro's JVM and its PostgreSQL (the postmaster and its children, from `/proc`) spent over each repetition and its drain, over the rows written, on every backend; a broker's own CPU (RabbitMQ, Redis) is not in it. Below each ingest table, what a 202 promised on each backend, as its servers were configured in this run.\n\n")
        .append("## Machine\n\n| what | value |\n|---|---|\n");
    machine().forEach((k, v) -> text.append("| ").append(k).append(" | ").append(v).append(" |\n"));
    text.append("\n## The machine's limits, same run\n\n| what | value |\n|---|---|\n");
    // Lookups read the relation the API reads in its default (projection) mode.
    limits.forEach(
        (k, v) -> text.append("| ").append(k).append(" | ").append(number(v)).append(" |\n"));
    text.append("\n## Targets\n\n| target | measured | distance |\n|---|---|---|\n");
    targets(text);
    var byScenario =
        outcomes.stream()
            .collect(
                Collectors.groupingBy(Outcome::scenario, LinkedHashMap::new, Collectors.toList()));
    text.append("\n## Results\n");
    byScenario.forEach(
        (scenario, list) -> {
          var figures = list.getFirst().figures().keySet();
          text.append("\n### ")
              .append(scenario)
              .append("\n\n| backend | ")
              .append(String.join(" | ", figures))
              .append(" |\n|---|")
              .append("---|".repeat(figures.size()))
              .append('\n');
          for (var outcome : list) {
            text.append("| ")
                .append(outcome.backend())
                .append(" | ")
                .append(
                    figures.stream().map(f -> cell(outcome, f)).collect(Collectors.joining(" | ")))
                .append(" |\n");
          }
          if (scenario.startsWith("ingest")) {
            durability(text, list);
          }
        });
    whereTheTimeGoes(text);
    text.append(
            "\n## Charts\n\nAccepted events per second and p99 accept latency, second by second:\n\n")
        .append(charts);
    return text.toString();
  }

  /** A figure as the tables show it: with its spread, or the note that stands for it. */
  static String cell(Outcome outcome, String figure) {
    var note = outcome.notes().get(figure);
    if (note != null) {
      return note;
    }
    var value = outcome.figures().getOrDefault(figure, Double.NaN);
    var spread = outcome.spreads().get(figure);
    return number(value) + (spread == null ? "" : " ±" + percent(spread.relativeTo(value)));
  }

  private static String percent(double share) {
    return Double.isFinite(share)
        ? String.format(Locale.ROOT, share < 0.1 ? "%.1f %%" : "%.0f %%", share * 100)
        : "–";
  }

  /** What a 202 promised on each backend of an ingest table, as the servers were configured. */
  private void durability(StringBuilder text, List<Outcome> list) {
    text.append('\n');
    for (var outcome : list) {
      text.append("- durability, ")
          .append(outcome.backend())
          .append(": ")
          .append(durability.getOrDefault(outcome.backend(), "not read"))
          .append('\n');
    }
  }

  /** The profiles: the machine's CPU by process and Rastro's JVM's CPU samples by code. */
  private void whereTheTimeGoes(StringBuilder text) {
    if (profiles.isEmpty()) {
      return;
    }
    text.append("\n## Where the time goes\n\n")
        .append("Profiled on the embedded backend over each measured ingest run with its drain, ")
        .append("and over detail reads at the most the server answers: ")
        .append("the machine's CPU by process (from `/proc`, in % of all cores), and Rastro's ")
        .append("JVM by Java Flight Recorder CPU samples (`jcmd JFR.start settings=default`; ")
        .append("recordings in `target/it-data/*.jfr` for `jfr print` or JDK Mission Control), ")
        .append("and the database's execution time by statement (`pg_stat_statements`, loaded ")
        .append("into the profiled Rastro's embedded PostgreSQL; `COMMIT` includes the wait for ")
        .append("the disk).\n");
    for (var profile : profiles) {
      text.append("\n### ").append(profile.scenario()).append("\n\n");
      shares(text, "machine CPU", profile.cpu());
      shares(
          text, "Rastro's samples by library (JDK code counted to its caller)", profile.layers());
      shares(text, "hottest methods (self time)", profile.methods());
      shares(text, "Rastro code on the stack (inclusive)", profile.rastro());
      if (!profile.statements().isEmpty()) {
        shares(text, "database time by statement (pg_stat_statements)", profile.statements());
      }
    }
  }

  static void shares(StringBuilder text, String title, List<Profile.Share> shares) {
    text.append("| ").append(title).append(" | % |\n|---|---|\n");
    shares.forEach(
        s ->
            text.append("| ")
                .append(s.what())
                .append(" | ")
                .append(number(s.percent()))
                .append(" |\n"));
    text.append('\n');
  }

  private Optional<Outcome> outcome(String scenario, String backend) {
    return outcomes.stream()
        .filter(o -> o.scenario().equals(scenario) && o.backend().equals(backend))
        .findFirst();
  }

  private void targets(StringBuilder text) {
    var copy = limits.getOrDefault("copy rows/s", Double.NaN);
    var batch = "ingest, 500 events per request";
    var single = "ingest, one event per request";
    // Both ingest targets are judged on rows written, not on requests accepted.
    outcome(batch, "embedded")
        .ifPresent(
            o -> {
              var v = o.figures().get(Harness.WRITTEN_PER_SECOND);
              text.append(
                  row(
                      "batch ingest ≥ 100,000 events/s sustained",
                      cell(o, Harness.WRITTEN_PER_SECOND)
                          + " events/s written ("
                          + number(v / copy)
                          + " of raw COPY)",
                      v >= 100_000
                          ? "met"
                          : "× " + number(100_000 / v) + " to go; ratio target 0.45"));
            });
    outcome(single, "embedded")
        .ifPresent(
            o -> {
              var v = o.figures().get(Harness.WRITTEN_PER_SECOND);
              text.append(
                  row(
                      "single-event ingest ≥ 20,000 events/s",
                      cell(o, Harness.WRITTEN_PER_SECOND) + " events/s written",
                      v >= 20_000 ? "met" : "× " + number(20_000 / v) + " to go"));
              var p99 = o.figures().get("accept p99 ms");
              text.append(
                  row(
                      "single-event accept p99 ≤ 25 ms",
                      cell(o, "accept p99 ms") + (p99.isNaN() ? "" : " ms"),
                      p99.isNaN()
                          ? "not measured"
                          : p99 <= 25 ? "met" : number(p99 - 25) + " ms over"));
            });
    outcomes.stream()
        .filter(o -> o.scenario().equals("freshness, projection"))
        .max(java.util.Comparator.comparing(o -> o.figures().get("events/s accepted meanwhile")))
        .ifPresent(
            o -> {
              var p99 = o.figures().get("202 to visible p99 ms");
              var rate = o.figures().get("events/s accepted meanwhile");
              text.append(
                  row(
                      "freshness p99 ≤ 500 ms at 10,000 events/s (projection mode)",
                      cell(o, "202 to visible p99 ms")
                          + (p99.isNaN() ? "" : " ms")
                          + " while "
                          + number(rate)
                          + " events/s were accepted",
                      (p99.isNaN()
                              ? "not measured"
                              : p99 <= 500 ? "met at this rate" : number(p99 - 500) + " ms over")
                          + (reached(rate) ? "" : "; 10,000 events/s not reached here")));
            });
    outcomes.stream()
        .filter(o -> o.scenario().equals(Harness.DETAIL_SCENARIO))
        .findFirst()
        .ifPresent(o -> detailTarget(text, o));
    var growth = growth();
    if (growth.isEmpty()) {
      text.append(
          row(
              "per-event cost flat (±20 %) from 1× to 100× a year of data",
              "not measured in this run", "the growth scenario runs on the embedded backend"));
    } else {
      var costs = growth.stream().map(o -> o.figures().get(Harness.PROJECTION_PER_EVENT)).toList();
      var spread =
          costs.stream().mapToDouble(Double::doubleValue).max().orElse(Double.NaN)
                  / costs.stream().mapToDouble(Double::doubleValue).min().orElse(Double.NaN)
              - 1;
      text.append(
          row(
              "per-event cost flat (±20 %) from 1× to 100× a year of data",
              costs.stream().map(Report::number).collect(Collectors.joining(" → "))
                  + " µs of projection per tracking event written, from "
                  + growth.getFirst().backend().replaceFirst("^[^,]*, ", "")
                  + " to "
                  + growth.getLast().backend().replaceFirst("^[^,]*, ", ""),
              (spread <= 0.2 ? "flat within " : "varies by ")
                  + number(spread * 100)
                  + " % over these sizes"
                  + (growth.getLast().figures().get("shipments")
                          >= 100 * BulkLoader.SHIPMENTS_PER_YEAR
                      ? ""
                      : "; 1× to 100× a year not loaded in this run (`growth=1,10,100`)")));
    }
  }

  /** An open-loop rate counts as reached within 2 %: its elapsed time includes the last answer. */
  private static boolean reached(double eventsPerSecond) {
    return eventsPerSecond >= 0.98 * Harness.TARGET_INGEST_RATE;
  }

  private void detailTarget(StringBuilder text, Outcome outcome) {
    var figures = outcome.figures();
    var p99 = figures.get(Harness.DURING_TARGET_INGEST + " p99 ms");
    var rate = figures.get("events/s accepted meanwhile");
    var ratio = p99 / limits.getOrDefault(Harness.LOOKUP_P99, Double.NaN);
    var missed = new ArrayList<String>();
    if (!(p99 <= 5)) {
      missed.add(number(p99 - 5) + " ms over");
    }
    if (!(ratio <= 3)) {
      missed.add(number(ratio) + "× the raw lookup, not ≤ 3×");
    }
    if (!reached(rate)) {
      missed.add("10,000 events/s not reached here");
    }
    missed.add(Harness.DETAIL_RATE + " q/s asked, not 2,000");
    text.append(
        row(
            "detail p99 ≤ 5 ms at 2,000 q/s during 10,000 events/s, ≤ 3× raw lookup",
            "%s ms at %d q/s while %s events/s were accepted (%s× a raw lookup on %s); %s ms during a batch-ingest spike"
                .formatted(
                    cell(outcome, Harness.DURING_TARGET_INGEST + " p99 ms"),
                    Harness.DETAIL_RATE,
                    number(rate),
                    number(ratio),
                    Harness.DETAILS_RELATION,
                    cell(outcome, "during a write spike p99 ms")),
            String.join("; ", missed)));
  }

  private List<Outcome> growth() {
    return outcomes.stream().filter(o -> o.scenario().startsWith("growth")).toList();
  }

  /** Cost against data size: the projector's µs per event, and the view's refresh time. */
  private static void growthChart(List<Outcome> growth, Path file) throws IOException {
    var perEvent = new XYSeries(Harness.PROJECTION_PER_EVENT);
    var refresh = new XYSeries("MV refresh s");
    for (var o : growth) {
      double shipments = o.figures().get("shipments");
      perEvent.add(shipments, o.figures().get(Harness.PROJECTION_PER_EVENT));
      refresh.add(shipments, o.figures().get("MV refresh ms") / 1000);
    }
    var chart =
        ChartFactory.createXYLineChart(
            "Cost against data size (embedded)",
            "shipments in the database (4 events each)",
            "projection µs per tracking event written",
            new XYSeriesCollection(perEvent),
            PlotOrientation.VERTICAL,
            true,
            false,
            false);
    var plot = chart.getXYPlot();
    plot.setDataset(1, new XYSeriesCollection(refresh));
    plot.setRangeAxis(1, new org.jfree.chart.axis.NumberAxis("refresh s"));
    plot.mapDatasetToRangeAxis(1, 1);
    plot.setRenderer(1, new org.jfree.chart.renderer.xy.XYLineAndShapeRenderer(true, true));
    ChartUtils.saveChartAsPNG(file.toFile(), chart, 900, 400);
  }

  private static String row(String target, String measured, String distance) {
    return "| " + target + " | " + measured + " | " + distance + " |\n";
  }

  static String number(Double value) {
    if (value == null || value.isNaN()) {
      return "–";
    }
    return value >= 100
        ? String.format(Locale.ROOT, "%,.0f", value)
        : String.format(Locale.ROOT, "%.2f", value);
  }

  static String slug(String text) {
    return text.toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9]+", "-").replaceAll("(^-|-$)", "");
  }

  private static void chart(Outcome outcome, Path file) throws IOException {
    var events = new XYSeries("accepted events/s");
    var p99 = new XYSeries("p99 ms");
    outcome
        .perSecond()
        .forEach(
            s -> {
              events.add(s.second(), s.items());
              p99.add(s.second(), s.p99Millis());
            });
    var chart =
        ChartFactory.createXYLineChart(
            outcome.scenario() + " (" + outcome.backend() + ")",
            "second",
            "events/s",
            new XYSeriesCollection(events),
            PlotOrientation.VERTICAL,
            true,
            false,
            false);
    var plot = chart.getXYPlot();
    plot.setDataset(1, new XYSeriesCollection(p99));
    plot.setRangeAxis(1, new org.jfree.chart.axis.NumberAxis("p99 ms"));
    plot.mapDatasetToRangeAxis(1, 1);
    plot.setRenderer(1, new org.jfree.chart.renderer.xy.XYLineAndShapeRenderer(true, false));
    ChartUtils.saveChartAsPNG(file.toFile(), chart, 900, 400);
  }
}
