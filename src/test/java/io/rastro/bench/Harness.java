package io.rastro.bench;

import io.rastro.shipmentview.ReadModelProperties;
import io.rastro.support.Api;
import io.rastro.support.Fixtures;
import io.rastro.support.RastroProcess;
import io.rastro.support.Reliability;
import io.rastro.support.TestDatabase;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Supplier;
import java.util.function.ToDoubleFunction;
import org.HdrHistogram.Histogram;

/**
 * Runs the benchmark scenarios against Rastro processes started from the packaged jar, one per
 * queue backend this machine offers, and writes {@code BENCHMARKS.md}, {@code
 * bench/results/latest.json} and the charts. {@code quick} takes a few minutes; {@code full} runs
 * each ingest scenario for five minutes.
 */
public final class Harness {

  /**
   * Detail reads per second in the read scenario: below what the server answers on these 2-core
   * machines while the load generator shares them, so that latency is not queueing at saturation.
   */
  static final int DETAIL_RATE = 250;

  static final String DETAIL_SCENARIO = "shipment detail at " + DETAIL_RATE + " reads/s";

  /** The ingest rate of the freshness and detail targets, in events per second. */
  static final int TARGET_INGEST_RATE = 10_000;

  static final String DURING_TARGET_INGEST =
      String.format(Locale.ROOT, "during %,d events/s", TARGET_INGEST_RATE);

  /** How long each part runs. */
  record Plan(
      String name,
      Duration ingest,
      Duration read,
      int shipments,
      int copyRows,
      List<Double> growthShares,
      int growthEvents,
      Duration warmUp,
      List<Integer> freshnessRates,
      int repetitions,
      int warmUpWindows) {

    /**
     * The same plan with the growth scenario at other sizes, in years of the seed's volume: {@code
     * growth=1,10,100} on a machine with the disk and the hours for it.
     */
    Plan withGrowth(String option) {
      var years =
          Arrays.stream(option.substring("growth=".length()).split(","))
              .map(String::strip)
              .map(Double::valueOf)
              .sorted()
              .toList();
      if (years.isEmpty() || years.getFirst() <= 0) {
        throw new IllegalArgumentException("growth= takes sizes in years above 0, not " + option);
      }
      return new Plan(
          name,
          ingest,
          read,
          shipments,
          copyRows,
          years,
          growthEvents,
          warmUp,
          freshnessRates,
          repetitions,
          warmUpWindows);
    }

    /**
     * The plans. {@code ingest} and {@code read} are the length of one repetition: each measured
     * part runs {@code repetitions} times, and the report shows the spread between them. The
     * warm-up runs windows of {@code warmUp} until two in a row agree within 10 %, at most {@code
     * warmUpWindows} of them.
     */
    static Plan of(String name) {
      return switch (name) {
        case "full" ->
            new Plan(
                "full",
                Duration.ofSeconds(100),
                Duration.ofSeconds(20),
                5000,
                1_000_000,
                List.of(0.02, 0.05, 0.1),
                100_000,
                Duration.ofSeconds(10),
                List.of(100, 1000, 5000, TARGET_INGEST_RATE),
                3,
                6);
        case "quick" ->
            new Plan(
                "quick",
                Duration.ofSeconds(5),
                Duration.ofSeconds(3),
                500,
                200_000,
                List.of(0.001, 0.0025, 0.005),
                10_000,
                Duration.ofSeconds(2),
                List.of(100, 1000, 5000, TARGET_INGEST_RATE),
                2,
                4);
        default -> throw new IllegalArgumentException("quick or full, not " + name);
      };
    }
  }

  /**
   * The relation the API reads shipments from in its default mode (projection): the raw lookup the
   * detail reads are compared with reads the same.
   */
  static final String DETAILS_RELATION = ReadModelProperties.Mode.PROJECTION.detailsRelation();

  static final String LOOKUP_P50 = "lookup on " + DETAILS_RELATION + " p50 ms";
  static final String LOOKUP_P99 = "lookup on " + DETAILS_RELATION + " p99 ms";

  /** The figure the ingest targets are judged on: rows written, not requests accepted. */
  static final String WRITTEN_PER_SECOND = "written events/s";

  static final String CPU_PER_EVENT = "CPU µs/written event (Rastro + PostgreSQL)";

  static final String PROJECTION_PER_EVENT = "projection µs/written event";

  private final Plan plan;
  private final boolean onServer;
  private final List<Outcome> outcomes = new ArrayList<>();
  private final Map<String, Double> limits = new LinkedHashMap<>();
  private final List<Profile.Result> profiles = new ArrayList<>();
  private final Map<String, String> durability = new LinkedHashMap<>();

  private Harness(Plan plan, boolean onServer) {
    this.plan = plan;
    this.onServer = onServer;
  }

  public static void main(String[] args) throws Exception {
    if (args.length > 0 && args[0].equals("webhooks")) {
      // bench/run webhooks [quick|full]: the webhook delivery scenario alone
      WebhookScenario.run(args.length > 1 && args[1].equals("full") ? "full" : "quick");
      System.exit(0);
    }
    if (args.length > 0 && args[0].equals("search")) {
      // bench/run search [quick|full] [options]: the search scenario alone
      SearchScenario.run(Arrays.stream(args).skip(1).filter(a -> !a.isBlank()).toList());
      System.exit(0);
    }
    if (args.length > 0 && args[0].equals("analytics")) {
      // bench/run analytics [quick|full] [options]: the analytics engines alone
      AnalyticsScenario.run(List.of(args).subList(1, args.length));
      System.exit(0);
    }
    if (args.length > 0 && args[0].equals("shards")) {
      // bench/run shards [shipments=N] [seconds=S] [reads=R]: shards by time alone
      ShardsScenario.run(List.of(args).subList(1, args.length));
      System.exit(0);
    }
    if (args.length > 0 && args[0].equals("archive-growth")) {
      // bench/run archive-growth [minutes=M] [window=W] [shipments=S]: growth with archiving on
      ArchiveGrowthScenario.run(List.of(args).subList(1, args.length));
      System.exit(0);
    }
    if (args.length > 0 && args[0].equals("archive")) {
      // bench/run archive [shipments=N] [reads=R]: the archive alone
      ArchiveScenario.run(List.of(args).subList(1, args.length));
      System.exit(0);
    }
    var plan = Plan.of(args.length > 0 ? args[0] : "quick");
    for (var arg : args) {
      if (arg.startsWith("growth=")) {
        plan = plan.withGrowth(arg);
      }
    }
    var harness = new Harness(plan, args.length > 1 && args[1].equals("server"));
    for (var backend : List.of("embedded", "rabbitmq", "redis")) {
      if (harness.available(backend)) {
        harness.run(backend);
        harness.report("measured up to the " + backend + " queue");
      } else {
        System.out.println("Skipping " + backend + ": not reachable on this machine");
      }
    }
    harness.freshnessOfTheMaterializedView();
    harness.report("measured up to the materialized view's freshness");
    harness.growth();
    harness.report("");
    System.out.println("Wrote the report and its charts");
    System.exit(0);
  }

  /** Writes the report of what was measured so far; {@code progress} is empty once finished. */
  private void report(String progress) throws IOException {
    new Report(
            plan.name(),
            onServer
                ? "the machine's server at 127.0.0.1:5432"
                : "18.3, embedded, one per Rastro, fsync on",
            outcomes,
            limits,
            profiles,
            durability,
            plan.repetitions())
        .write(Path.of("."), onServer ? "server" : "", progress);
  }

  private boolean available(String backend) {
    var port =
        switch (backend) {
          case "rabbitmq" -> 5672;
          case "redis" -> 6379;
          default -> 0;
        };
    if (port == 0) {
      return true;
    }
    try (var socket = new Socket()) {
      socket.connect(new InetSocketAddress("127.0.0.1", port), 1000);
      return true;
    } catch (java.io.IOException e) {
      return false;
    }
  }

  /**
   * A Rastro's database: its own embedded PostgreSQL, or a fresh database on the machine's server
   * (127.0.0.1:5432).
   *
   * @param properties what the process needs to use it
   * @param url how the harness reaches it for the machine's limits
   */
  private record Database(Map<String, String> properties, String url) {}

  private Database database() {
    if (onServer) {
      var url = TestDatabase.freshServerDatabase();
      return new Database(
          Map.of(
              "spring.datasource.url", url,
              "spring.datasource.username", "postgres",
              "rastro.read-model.refresh-interval", "0"),
          url);
    }
    var port = RastroProcess.freePort();
    var properties =
        new HashMap<>(RastroProcess.ownDatabase(Path.of(TestDatabase.freshDirectory()), port));
    // Statement statistics for the profiles: a monitoring extension many production servers load.
    properties.put(
        "rastro.embedded-postgres-settings[shared_preload_libraries]", "pg_stat_statements");
    return new Database(properties, "jdbc:postgresql://localhost:" + port + "/postgres");
  }

  private void run(String backend) throws Exception {
    var database = database();
    var properties = new HashMap<>(database.properties());
    var suffix = Long.toString(System.nanoTime(), 36);
    properties.put("rastro.ingest.queue", backend);
    properties.put("rastro.ingest.rabbitmq.queue", "rastro.ingest.bench-" + suffix);
    properties.put("rastro.ingest.redis.stream", "rastro:ingest:bench-" + suffix);
    properties.put("logging.level.root", "warn");
    var url = database.url();
    System.out.println("== " + backend);
    try (var rastro = RastroProcess.start("bench-" + backend, properties)) {
      durability.put(backend, Durability.of(backend, url));
      var api = rastro.api();
      var shipments = Reliability.shipments(api, plan.shipments());
      if (backend.equals("embedded")) {
        // Reads first, on a read model of the shipments and their first events.
        sendBatch(api, new Traffic(shipments, Traffic.Profile.realistic(), 5), 1000);
        new Fixtures(api).refresh();
        awaitReadModelCaughtUp(api);
        limits.put("copy rows/s", MachineLimits.copyRowsPerSecond(url, plan.copyRows()));
        var lookups = MachineLimits.readModelLookups(url, DETAILS_RELATION, shipments, 20_000);
        limits.put(LOOKUP_P50, Percentiles.millis(lookups, 50));
        limits.put(LOOKUP_P99, Percentiles.millis(lookups, 99));
        read(backend, rastro, url, shipments);
        awaitReadModelCaughtUp(api);
        for (var rate : plan.freshnessRates()) {
          freshness(api, shipments, rate, "projection");
          awaitReadModelCaughtUp(api);
        }
      }
      ingest(backend, rastro, url, shipments, 1, 32);
      ingest(backend, rastro, url, shipments, 500, 4);
    }
  }

  /** The growth scenario, on a Rastro of its own whose database holds only what it loads. */
  private void growth() throws Exception {
    var database = database();
    var properties = new HashMap<>(database.properties());
    properties.put("logging.level.root", "warn");
    System.out.println("== growth (embedded queue)");
    try (var rastro = RastroProcess.start("bench-growth", properties)) {
      growth("embedded", rastro.api(), database.url());
    }
  }

  /**
   * Freshness in the seed's Phase 1 read model, on a Rastro of its own: a materialized view
   * refreshed every second (the default is every minute, which is then the freshness).
   */
  private void freshnessOfTheMaterializedView() throws Exception {
    var database = database();
    var properties = new HashMap<>(database.properties());
    properties.put("logging.level.root", "warn");
    properties.put("rastro.read-model.mode", "materialized-view");
    properties.put("rastro.read-model.refresh-interval", "1s");
    System.out.println("== freshness, materialized view");
    try (var rastro = RastroProcess.start("bench-materialized-view", properties)) {
      var api = rastro.api();
      var shipments = Reliability.shipments(api, plan.shipments());
      sendBatch(api, new Traffic(shipments, Traffic.Profile.realistic(), 5), 1000);
      new Fixtures(api).refresh();
      for (var rate : plan.freshnessRates()) {
        freshness(api, shipments, rate, "materialized view refreshed every 1 s");
      }
    }
  }

  /** Runs a measured part {@code plan.repetitions()} times. */
  private <T> List<T> repeat(Supplier<T> part) {
    var results = new ArrayList<T>();
    for (int i = 0; i < plan.repetitions(); i++) {
      results.add(part.get());
    }
    return results;
  }

  private static <T> List<Double> each(List<T> repetitions, ToDoubleFunction<T> figure) {
    return repetitions.stream().map(r -> figure.applyAsDouble(r)).toList();
  }

  private static double mean(List<Double> values) {
    return values.stream().mapToDouble(Double::doubleValue).average().orElse(Double.NaN);
  }

  /**
   * What one burst of the growth scenario did: its time until the queue was empty, and what the
   * server counted meanwhile.
   */
  record Burst(double seconds, long sentEvents, long failedBatches, Metrics before, Metrics after) {

    double written() {
      return after.writtenEvents() - before.writtenEvents();
    }

    double writtenPerSecond() {
      return written() / seconds;
    }

    /** The projector's apply time per tracking event written (its status changes included). */
    double projectionMicrosPerWrittenEvent() {
      return (after.projectionApplySeconds() - before.projectionApplySeconds()) * 1e6 / written();
    }
  }

  /**
   * The same work on ever more data: loads shares of a year of the seed's volume with the bulk
   * loader, rebuilds the projection, times a refresh of the materialized view, then ingests a fixed
   * burst of events onto the loaded shipments, in repetitions, and measures what each tracking
   * event written cost the projector (its apply time over the rows written) and how fast the rows
   * were written (the server's count, not what was sent).
   */
  private void growth(String backend, Api api, String url) throws Exception {
    var fixtures = new Fixtures(api);
    var customer = fixtures.customer();
    var carrier = fixtures.carrier();
    // A burst first, not measured, so that the first size is not charged the JVM's warm-up.
    var warmUp = new Traffic(Reliability.shipments(api, 200), Traffic.Profile.realistic(), 13);
    burst(api, warmUp, plan.growthEvents() / 500);
    awaitDrained(api);
    awaitReadModelCaughtUp(api);
    long loaded = 0;
    for (var share : plan.growthShares()) {
      var target = Math.round(share * BulkLoader.SHIPMENTS_PER_YEAR);
      var loadStarted = System.nanoTime();
      // In slices, so that a year or more loads in transactions and strings of a bounded size.
      for (long from = loaded; from < target; from += BulkLoader.SLICE) {
        BulkLoader.load(
            url, customer, carrier, (int) Math.min(BulkLoader.SLICE, target - from), target + from);
      }
      var loadSeconds = (System.nanoTime() - loadStarted) / 1e9;
      loaded = target;
      var rebuild = api.post("/api/v1/admin/read-model/rebuild", "{}");
      var refresh = api.post("/api/v1/admin/read-model/refresh", "{}");
      var sample = MachineLimits.sampleTrackingNumbers(url, 2000);
      var traffic = new Traffic(sample, Traffic.Profile.realistic(), 11);
      var bursts =
          repeat(
              () -> {
                var before = Metrics.read(api);
                var started = System.nanoTime();
                var sent = burst(api, traffic, plan.growthEvents() / 500);
                awaitDrained(api);
                var seconds = (System.nanoTime() - started) / 1e9;
                awaitReadModelCaughtUp(api);
                return new Burst(seconds, sent[0], sent[1], before, Metrics.read(api));
              });
      var random = new java.util.Random(3);
      Driver.Request detail =
          () -> api.get("/api/v1/shipments/" + sample.get(random.nextInt(sample.size()))).status();
      Driver.openLoop(200, plan.warmUp(), 1, 64, detail); // not measured: warms the JVM up
      var reads = repeat(() -> Driver.openLoop(200, plan.read(), 1, 64, detail));
      var written = bursts.stream().mapToDouble(Burst::written).sum();
      var seconds = bursts.stream().mapToDouble(Burst::seconds).sum();
      var applySeconds =
          bursts.stream()
              .mapToDouble(
                  b -> b.after().projectionApplySeconds() - b.before().projectionApplySeconds())
              .sum();
      outcomes.add(
          Outcome.of("growth: cost against data size", backend + ", " + ofAYear(share))
              .with("shipments", target)
              .with("tracking events", target * 4.0)
              .with("load s", loadSeconds)
              .with("rebuild ms", rebuild.body().path("durationMs").asDouble())
              .with("MV refresh ms", refresh.body().path("durationMs").asDouble())
              .with("events sent", bursts.stream().mapToLong(Burst::sentEvents).sum())
              .with("batches failed", bursts.stream().mapToLong(Burst::failedBatches).sum())
              .with("events written", written)
              .with(
                  PROJECTION_PER_EVENT,
                  applySeconds * 1e6 / written,
                  each(bursts, Burst::projectionMicrosPerWrittenEvent))
              .with(WRITTEN_PER_SECOND, written / seconds, each(bursts, Burst::writtenPerSecond))
              .withLatency("detail at 200 reads/s", Driver.Result.pooled(reads), reads));
      System.out.printf(
          "growth at %s: refresh %s ms, rebuild %s ms%n",
          ofAYear(share), refresh.body().path("durationMs"), rebuild.body().path("durationMs"));
    }
  }

  /**
   * Sends this many batches of 500 events from four senders, as fast as they are taken.
   *
   * @return the events of the batches answered {@code 202}, and the batches that were not
   */
  private static long[] burst(Api api, Traffic traffic, int batches) {
    var left = new java.util.concurrent.atomic.AtomicInteger(batches);
    var sent = new AtomicLong();
    var failed = new AtomicLong();
    var senders = new ArrayList<Thread>();
    for (int i = 0; i < 4; i++) {
      senders.add(
          Thread.ofVirtual()
              .start(
                  () -> {
                    while (left.getAndDecrement() > 0) {
                      if (sendBatch(api, traffic, 500) == 202) {
                        sent.addAndGet(500);
                      } else {
                        failed.incrementAndGet();
                      }
                    }
                  }));
    }
    senders.forEach(Harness::joinQuietly);
    return new long[] {sent.get(), failed.get()};
  }

  /** A share of a year as the report shows it: {@code 10 % of a year}, {@code 10× a year}. */
  static String ofAYear(double share) {
    return share >= 1 ? plain(share) + "× a year" : plain(share * 100) + " % of a year";
  }

  private static String plain(double number) {
    return new java.math.BigDecimal(number)
        .round(new java.math.MathContext(3))
        .stripTrailingZeros()
        .toPlainString();
  }

  /**
   * One repetition of an ingest run: the requests, then the time until the queue was empty, the
   * rows the server wrote meanwhile, and the CPU Rastro's JVM and its PostgreSQL spent on them.
   */
  record IngestRun(Driver.Result requests, double drainSeconds, double written, double cpuMicros) {

    double writtenPerSecond() {
      return written / (requests.seconds() + drainSeconds);
    }

    double cpuMicrosPerWrittenEvent() {
      return cpuMicros / written;
    }
  }

  /**
   * Highest sustained accept rate, closed-loop, after a warm-up until the rate is steady; then the
   * time the workers need to catch up, and the rows they wrote. Repeated; each repetition starts on
   * an empty queue.
   */
  private void ingest(
      String backend,
      RastroProcess rastro,
      String url,
      List<String> shipments,
      int batch,
      int concurrency) {
    var api = rastro.api();
    var traffic = new Traffic(shipments, Traffic.Profile.realistic(), batch);
    Driver.Request send =
        () -> batch == 1 ? sendOne(api, traffic.next()) : sendBatch(api, traffic, batch);
    var scenario =
        batch == 1 ? "ingest, one event per request" : "ingest, " + batch + " events per request";
    // Not measured: until two windows in a row accept within 10 % of each other.
    var warmUp =
        Driver.warmUntilSteady(
            () -> Driver.closedLoop(concurrency, plan.warmUp(), batch, send).acceptedPerSecond(),
            plan.warmUpWindows(),
            0.1);
    System.out.printf("%s, %s: warm-up windows %s events/s%n", scenario, backend, warmUp);
    awaitDrained(api);
    var postmaster = Profile.postmaster(url);
    // Profiled on the default backend: what the machine's cores and Rastro's JVM spend the run on.
    var profile =
        backend.equals("embedded")
            ? Profile.start(
                rastro.pid(), url, Path.of("target", "it-data", Report.slug(scenario) + ".jfr"))
            : null;
    var runs =
        repeat(
            () -> {
              var before = Metrics.read(api);
              var ticks = Profile.cpuTicks();
              var requests = Driver.closedLoop(concurrency, plan.ingest(), batch, send);
              var drainStarted = System.nanoTime();
              awaitDrained(api);
              var drain = (System.nanoTime() - drainStarted) / 1e9;
              var after = Profile.cpuTicks();
              // Rastro's JVM and its PostgreSQL: the postmaster and its children, at either end.
              var pids = new java.util.HashSet<>(Profile.family(ticks, postmaster));
              pids.addAll(Profile.family(after, postmaster));
              pids.add(rastro.pid());
              return new IngestRun(
                  requests,
                  drain,
                  Metrics.read(api).writtenEvents() - before.writtenEvents(),
                  Profile.cpuMicros(ticks, after, pids));
            });
    if (profile != null) {
      profiles.add(profile.stop(scenario + ", until written"));
    }
    var requests = Driver.Result.pooled(runs.stream().map(IngestRun::requests).toList());
    var written = runs.stream().mapToDouble(IngestRun::written).sum();
    var seconds = runs.stream().mapToDouble(r -> r.requests().seconds() + r.drainSeconds()).sum();
    var cpu = runs.stream().mapToDouble(IngestRun::cpuMicros).sum();
    outcomes.add(
        Outcome.of(scenario, backend)
            .with(
                "accepted events/s",
                requests.acceptedPerSecond(),
                each(runs, r -> r.requests().acceptedPerSecond()))
            .withLatency("accept", requests, runs.stream().map(IngestRun::requests).toList())
            .with(WRITTEN_PER_SECOND, written / seconds, each(runs, IngestRun::writtenPerSecond))
            .with("written/accepted", written / (requests.accepted() * (double) batch))
            .with(
                "drain s",
                mean(each(runs, IngestRun::drainSeconds)),
                each(runs, IngestRun::drainSeconds))
            .with(CPU_PER_EVENT, cpu / written, each(runs, IngestRun::cpuMicrosPerWrittenEvent))
            .with("refused", requests.refused())
            .with("failed", requests.failed())
            .withSeries(requests));
    System.out.printf(
        "%s: %.0f events/s accepted, %.0f written, p99 %.1f ms%n",
        scenario, requests.acceptedPerSecond(), written / seconds, requests.percentileMillis(99));
  }

  private static int sendOne(Api api, Map<String, Object> event) {
    return api.post("/api/v1/shipments/" + event.get("trackingNumber") + "/events", event).status();
  }

  static int sendBatch(Api api, Traffic traffic, int size) {
    var events = new ArrayList<Map<String, Object>>(size);
    for (int i = 0; i < size; i++) {
      events.add(traffic.next());
    }
    var response = api.post("/api/v1/tracking-events", events);
    var body = response.body();
    if (response.status() == 202
        && body.path("accepted").asInt() + body.path("duplicates").asInt() != size) {
      return 400; // some events refused: not a success of the whole request
    }
    return response.status();
  }

  /** Detail reads at a fixed rate, alone and during a write spike, each part repeated. */
  private void read(String backend, RastroProcess rastro, String url, List<String> shipments) {
    var api = rastro.api();
    var random = new java.util.Random(2);
    Driver.Request detail =
        () ->
            api.get("/api/v1/shipments/" + shipments.get(random.nextInt(shipments.size())))
                .status();
    // Not measured: warms the JVM up until the most it answers is steady.
    Driver.warmUntilSteady(
        () -> Driver.closedLoop(16, plan.warmUp(), 1, detail).acceptedPerSecond(),
        plan.warmUpWindows(),
        0.1);
    var quiet = repeat(() -> Driver.openLoop(DETAIL_RATE, plan.read(), 1, 256, detail));
    // The most the server answers, 16 at a time; profiled: where a read's time goes.
    var profile =
        Profile.start(rastro.pid(), url, Path.of("target", "it-data", "shipment-detail.jfr"));
    var most = repeat(() -> Driver.closedLoop(16, plan.read(), 1, detail));
    profiles.add(profile.stop("shipment detail, 16 at a time"));
    var traffic = new Traffic(shipments, Traffic.Profile.realistic(), 7);
    var ingestMeanwhile = new ArrayList<Driver.Result>();
    var steady =
        repeat(
            () ->
                whileIngesting(
                    api,
                    () ->
                        ingestMeanwhile.add(
                            steadyIngest(api, traffic, TARGET_INGEST_RATE, plan.read())),
                    () -> Driver.openLoop(DETAIL_RATE, plan.read(), 1, 256, detail)));
    awaitReadModelCaughtUp(api);
    var catchUps = new ArrayList<Double>();
    var busy =
        repeat(
            () -> {
              var reads =
                  duringSpike(
                      api,
                      traffic,
                      () -> Driver.openLoop(DETAIL_RATE, plan.read(), 1, 256, detail));
              catchUps.add(awaitReadModelCaughtUp(api));
              return reads;
            });
    Driver.Request page = () -> api.get("/api/v1/shipments?limit=50").status();
    var list = repeat(() -> Driver.openLoop(100, plan.read(), 1, 64, page));
    var listBusy =
        repeat(
            () -> {
              var reads =
                  duringSpike(api, traffic, () -> Driver.openLoop(100, plan.read(), 1, 64, page));
              awaitReadModelCaughtUp(api);
              return reads;
            });
    var listBusyPooled = Driver.Result.pooled(listBusy);
    outcomes.add(
        Outcome.of("shipment list, 50 a page, at 100 reads/s", backend)
            .withLatency("alone", Driver.Result.pooled(list), list)
            .withLatency("during a write spike", listBusyPooled, listBusy)
            .withSeries(listBusyPooled));
    var quietPooled = Driver.Result.pooled(quiet);
    var busyPooled = Driver.Result.pooled(busy);
    var mostPooled = Driver.Result.pooled(most);
    outcomes.add(
        Outcome.of(DETAIL_SCENARIO, backend)
            .with(
                "most reads/s, 16 at a time",
                mostPooled.acceptedPerSecond(),
                each(most, Driver.Result::acceptedPerSecond))
            .withLatency("alone", quietPooled, quiet)
            .withLatency(DURING_TARGET_INGEST, Driver.Result.pooled(steady), steady)
            .with(
                "events/s accepted meanwhile",
                Driver.Result.pooled(ingestMeanwhile).acceptedPerSecond(),
                each(ingestMeanwhile, Driver.Result::acceptedPerSecond))
            .withLatency("during a write spike", busyPooled, busy)
            .with(
                "p99 ratio spike/alone",
                busyPooled.percentileMillis(99) / Math.max(0.001, quietPooled.percentileMillis(99)))
            .with(
                "p99 / raw lookup p99",
                quietPooled.percentileMillis(99)
                    / Math.max(0.001, limits.getOrDefault(LOOKUP_P99, Double.NaN)))
            .with("projection caught up after the spike s", mean(catchUps), catchUps)
            .withSeries(busyPooled));
  }

  /**
   * Runs the reads while four senders post batches of 500 events as fast as they are taken, then
   * waits until the write queue is empty again.
   */
  private Driver.Result duringSpike(Api api, Traffic traffic, Supplier<Driver.Result> reads) {
    return whileIngesting(
        api,
        () -> Driver.closedLoop(4, plan.read(), 500, () -> sendBatch(api, traffic, 500)),
        reads);
  }

  /** Runs the reads while {@code writes} run beside them, then waits until the queue is empty. */
  private static Driver.Result whileIngesting(
      Api api, Runnable writes, Supplier<Driver.Result> reads) {
    var writer = Thread.ofVirtual().start(writes);
    var result = reads.get();
    joinQuietly(writer);
    awaitDrained(api);
    return result;
  }

  /** Ingest at a steady rate, open loop, in batches of 100 events. */
  static Driver.Result steadyIngest(
      Api api, Traffic traffic, int eventsPerSecond, Duration duration) {
    return Driver.openLoop(
        eventsPerSecond / 100.0, duration, 100, 64, () -> sendBatch(api, traffic, 100));
  }

  /**
   * Waits until the write queue is empty: after minutes of batch ingest, accepted faster than it is
   * written, that is millions of events.
   */
  private static void awaitDrained(Api api) {
    Reliability.awaitDrained(api, Duration.ofMinutes(30));
  }

  /**
   * Waits until the read model has applied the backlog of the scenario before (after a minute of
   * batch ingest that is millions of events); returns how long that took, in seconds.
   */
  private static double awaitReadModelCaughtUp(Api api) {
    var started = System.nanoTime();
    org.awaitility.Awaitility.await()
        .atMost(Duration.ofMinutes(30))
        .pollInterval(Duration.ofMillis(200))
        .until(() -> api.get("/api/v1/shipments?limit=1").body().path("lagMs").asLong() < 100);
    return (System.nanoTime() - started) / 1e9;
  }

  /**
   * What the freshness probes of one repetition found.
   *
   * @param latencies from a probe's 202 to its event showing, in microseconds; a probe not seen
   *     within 30 s counts as 30 s
   * @param refused probes not answered 202: not timed, counted
   * @param unseen probes answered 202 but not seen in the detail within 30 s
   */
  record Probes(Histogram latencies, long refused, long unseen, Driver.Result background) {

    /** Several repetitions' probes as one. */
    static Probes pooled(List<Probes> repetitions) {
      var latencies = new Histogram(3_600_000_000L, 3);
      repetitions.forEach(p -> latencies.add(p.latencies()));
      return new Probes(
          latencies,
          repetitions.stream().mapToLong(Probes::refused).sum(),
          repetitions.stream().mapToLong(Probes::unseen).sum(),
          Driver.Result.pooled(repetitions.stream().map(Probes::background).toList()));
    }
  }

  /**
   * Time from a 202 to the event showing in the shipment's detail, under a steady ingest; repeated.
   */
  private void freshness(Api api, List<String> shipments, int eventsPerSecond, String readModel) {
    var probed = new AtomicLong();
    var repetitions = repeat(() -> probe(api, shipments, eventsPerSecond, probed));
    var all = Probes.pooled(repetitions);
    var outcome =
        Outcome.of("freshness, " + readModel, "embedded, " + eventsPerSecond + " events/s")
            .with(
                "events/s accepted meanwhile",
                all.background().acceptedPerSecond(),
                each(repetitions, p -> p.background().acceptedPerSecond()));
    for (var percentile : List.of(50.0, 99.0)) {
      var figure = "202 to visible p" + (percentile == 50.0 ? "50" : "99") + " ms";
      var value = Percentiles.millis(all.latencies(), percentile);
      if (Double.isNaN(value)) {
        outcome.withNote(figure, Percentiles.notAvailable(all.latencies().getTotalCount()));
      } else {
        outcome.with(
            figure, value, each(repetitions, p -> Percentiles.millis(p.latencies(), percentile)));
      }
    }
    outcomes.add(
        outcome
            .with("probes timed", all.latencies().getTotalCount())
            .with("probes refused", all.refused())
            .with("probes not seen in 30 s", all.unseen()));
  }

  private Probes probe(Api api, List<String> shipments, int eventsPerSecond, AtomicLong n) {
    var traffic =
        new Traffic(shipments.subList(1, shipments.size()), Traffic.Profile.realistic(), 9);
    var background = new java.util.concurrent.atomic.AtomicReference<Driver.Result>();
    var sender =
        Thread.ofVirtual()
            .start(() -> background.set(steadyIngest(api, traffic, eventsPerSecond, plan.read())));
    var probe = shipments.getFirst();
    var latencies = new Histogram(3_600_000_000L, 3);
    long refused = 0;
    long unseen = 0;
    var deadline = System.nanoTime() + plan.read().toNanos();
    while (System.nanoTime() < deadline) {
      var id = "probe-" + eventsPerSecond + "-" + n.incrementAndGet(); // new in every run
      var event = new java.util.LinkedHashMap<String, Object>();
      event.put("eventId", id);
      event.put("status", "IN_TRANSIT");
      event.put("occurredAt", java.time.Instant.now().minusSeconds(60).toString());
      var sent = System.nanoTime();
      if (api.post("/api/v1/shipments/" + probe + "/events", event).status() != 202) {
        refused++;
        continue;
      }
      while (!api.get("/api/v1/shipments/" + probe)
          .body()
          .path("lastEvent")
          .path("eventId")
          .asString()
          .equals(id)) {
        java.util.concurrent.locks.LockSupport.parkNanos(5_000_000);
        if (System.nanoTime() - sent > 30_000_000_000L) {
          unseen++;
          break;
        }
      }
      latencies.recordValue((System.nanoTime() - sent) / 1000);
    }
    joinQuietly(sender);
    return new Probes(
        latencies, refused, unseen, java.util.Objects.requireNonNull(background.get()));
  }

  private static void joinQuietly(Thread thread) {
    try {
      thread.join();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
