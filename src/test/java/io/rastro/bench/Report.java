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

  Report(
      String plan,
      String database,
      List<Outcome> outcomes,
      Map<String, Double> limits,
      List<Profile.Result> profiles) {
    this.plan = plan;
    this.database = database;
    this.outcomes = outcomes;
    this.limits = limits;
    this.profiles = profiles;
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
        .append("## Machine\n\n| what | value |\n|---|---|\n");
    machine().forEach((k, v) -> text.append("| ").append(k).append(" | ").append(v).append(" |\n"));
    text.append("\n## The machine's limits, same run\n\n| what | value |\n|---|---|\n");
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
                    figures.stream()
                        .map(f -> number(outcome.figures().getOrDefault(f, Double.NaN)))
                        .collect(Collectors.joining(" | ")))
                .append(" |\n");
          }
        });
    whereTheTimeGoes(text);
    text.append(
            "\n## Charts\n\nAccepted events per second and p99 accept latency, second by second:\n\n")
        .append(charts);
    return text.toString();
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

  private static void shares(StringBuilder text, String title, List<Profile.Share> shares) {
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

  private Optional<Double> figure(String scenario, String backend, String figure) {
    return outcomes.stream()
        .filter(o -> o.scenario().equals(scenario) && o.backend().equals(backend))
        .map(o -> o.figures().get(figure))
        .filter(v -> v != null)
        .findFirst();
  }

  private void targets(StringBuilder text) {
    var copy = limits.getOrDefault("copy rows/s", Double.NaN);
    var batch = "ingest, 500 events per request";
    var single = "ingest, one event per request";
    figure(batch, "embedded", "written events/s")
        .ifPresent(
            v ->
                text.append(
                    row(
                        "batch ingest ≥ 100,000 events/s sustained",
                        number(v) + " events/s written (" + number(v / copy) + " of raw COPY)",
                        "× " + number(100_000 / v) + " to go; ratio target 0.45")));
    figure(single, "embedded", "accepted events/s")
        .ifPresent(
            v ->
                text.append(
                    row(
                        "single-event ingest ≥ 20,000 events/s",
                        number(v) + " events/s",
                        v >= 20_000 ? "met" : "× " + number(20_000 / v) + " to go")));
    figure(single, "embedded", "accept p99 ms")
        .ifPresent(
            v ->
                text.append(
                    row(
                        "single-event accept p99 ≤ 25 ms",
                        number(v) + " ms",
                        v <= 25 ? "met" : number(v - 25) + " ms over")));
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
                      number(p99) + " ms while " + number(rate) + " events/s were accepted",
                      (p99 <= 500 ? "met at this rate" : number(p99 - 500) + " ms over")
                          + (reached(rate) ? "" : "; 10,000 events/s not reached here")));
            });
    outcomes.stream()
        .filter(o -> o.scenario().equals(Harness.DETAIL_SCENARIO))
        .findFirst()
        .ifPresent(o -> detailTarget(text, o.figures()));
    var growth = growth();
    if (growth.isEmpty()) {
      text.append(
          row(
              "per-event cost flat (±20 %) from 1× to 100× a year of data",
              "not measured in this run", "the growth scenario runs on the embedded backend"));
    } else {
      var costs = growth.stream().map(o -> o.figures().get("projection µs/event")).toList();
      var spread =
          costs.stream().mapToDouble(Double::doubleValue).max().orElse(Double.NaN)
                  / costs.stream().mapToDouble(Double::doubleValue).min().orElse(Double.NaN)
              - 1;
      text.append(
          row(
              "per-event cost flat (±20 %) from 1× to 100× a year of data",
              costs.stream().map(Report::number).collect(Collectors.joining(" → "))
                  + " µs/event applied, from "
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

  private void detailTarget(StringBuilder text, Map<String, Double> figures) {
    var p99 = figures.get(Harness.DURING_TARGET_INGEST + " p99 ms");
    var rate = figures.get("events/s accepted meanwhile");
    var ratio = p99 / limits.getOrDefault("lookup p99 ms", Double.NaN);
    var spike = figures.get("during a write spike p99 ms");
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
            "%s ms at %d q/s while %s events/s were accepted (%s× raw lookup); %s ms during a batch-ingest spike"
                .formatted(
                    number(p99), Harness.DETAIL_RATE, number(rate), number(ratio), number(spike)),
            String.join("; ", missed)));
  }

  private List<Outcome> growth() {
    return outcomes.stream().filter(o -> o.scenario().startsWith("growth")).toList();
  }

  /** Cost against data size: the projector's µs per event, and the view's refresh time. */
  private static void growthChart(List<Outcome> growth, Path file) throws IOException {
    var perEvent = new XYSeries("projection µs/event");
    var refresh = new XYSeries("MV refresh s");
    for (var o : growth) {
      double shipments = o.figures().get("shipments");
      perEvent.add(shipments, o.figures().get("projection µs/event"));
      refresh.add(shipments, o.figures().get("MV refresh ms") / 1000);
    }
    var chart =
        ChartFactory.createXYLineChart(
            "Cost against data size (embedded)",
            "shipments in the database (4 events each)",
            "µs per event applied",
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

  private static String number(Double value) {
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
