package io.rastro.bench;

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
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Supplier;
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
      List<Integer> freshnessRates) {

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
          name, ingest, read, shipments, copyRows, years, growthEvents, warmUp, freshnessRates);
    }

    static Plan of(String name) {
      return switch (name) {
        case "full" ->
            new Plan(
                "full",
                Duration.ofMinutes(5),
                Duration.ofMinutes(1),
                5000,
                1_000_000,
                List.of(0.02, 0.05, 0.1),
                100_000,
                Duration.ofSeconds(10),
                List.of(100, 1000, 5000, TARGET_INGEST_RATE));
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
                List.of(100, 1000, 5000, TARGET_INGEST_RATE));
        default -> throw new IllegalArgumentException("quick or full, not " + name);
      };
    }
  }

  private final Plan plan;
  private final boolean onServer;
  private final List<Outcome> outcomes = new ArrayList<>();
  private final Map<String, Double> limits = new HashMap<>();
  private final List<Profile.Result> profiles = new ArrayList<>();

  private Harness(Plan plan, boolean onServer) {
    this.plan = plan;
    this.onServer = onServer;
  }

  public static void main(String[] args) throws Exception {
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
            profiles)
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
      var api = rastro.api();
      var shipments = Reliability.shipments(api, plan.shipments());
      if (backend.equals("embedded")) {
        // Reads first, on a read model of the shipments and their first events.
        sendBatch(api, new Traffic(shipments, Traffic.Profile.realistic(), 5), 1000);
        new Fixtures(api).refresh();
        limits.put("copy rows/s", MachineLimits.copyRowsPerSecond(url, plan.copyRows()));
        var lookups = MachineLimits.readModelLookups(url, shipments, 20_000);
        limits.put("lookup p50 ms", lookups.getValueAtPercentile(50) / 1000.0);
        limits.put("lookup p99 ms", lookups.getValueAtPercentile(99) / 1000.0);
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

  /**
   * The same work on ever more data: loads shares of a year of the seed's volume with the bulk
   * loader, rebuilds the projection, times a refresh of the materialized view, then ingests a fixed
   * burst of events onto the loaded shipments and measures what each event cost the projector (its
   * apply time over the events it applied) and how fast the burst was written.
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
      var before = Metrics.read(api);
      var started = System.nanoTime();
      var traffic = new Traffic(sample, Traffic.Profile.realistic(), 11);
      burst(api, traffic, plan.growthEvents() / 500);
      awaitDrained(api);
      var written = plan.growthEvents() / ((System.nanoTime() - started) / 1e9);
      awaitReadModelCaughtUp(api);
      var after = Metrics.read(api);
      var applied = after.projectionEvents() - before.projectionEvents();
      var random = new java.util.Random(3);
      Driver.Request detail =
          () -> api.get("/api/v1/shipments/" + sample.get(random.nextInt(sample.size()))).status();
      Driver.openLoop(200, plan.warmUp(), 1, 64, detail); // not measured: warms the JVM up
      var reads = Driver.openLoop(200, plan.read(), 1, 64, detail);
      outcomes.add(
          Outcome.of("growth: cost against data size", backend + ", " + ofAYear(share))
              .with("shipments", target)
              .with("tracking events", target * 4.0)
              .with("load s", loadSeconds)
              .with("rebuild ms", rebuild.body().path("durationMs").asDouble())
              .with("MV refresh ms", refresh.body().path("durationMs").asDouble())
              .with(
                  "projection µs/event",
                  (after.projectionApplySeconds() - before.projectionApplySeconds())
                      * 1e6
                      / applied)
              .with("written events/s", written)
              .withLatency("detail at 200 reads/s", reads));
      System.out.printf(
          "growth at %s: refresh %s ms, rebuild %s ms%n",
          ofAYear(share), refresh.body().path("durationMs"), rebuild.body().path("durationMs"));
    }
  }

  /** Sends this many batches of 500 events from four senders, as fast as they are taken. */
  private static void burst(Api api, Traffic traffic, int batches) {
    var left = new java.util.concurrent.atomic.AtomicInteger(batches);
    var senders = new ArrayList<Thread>();
    for (int i = 0; i < 4; i++) {
      senders.add(
          Thread.ofVirtual()
              .start(
                  () -> {
                    while (left.getAndDecrement() > 0) {
                      sendBatch(api, traffic, 500);
                    }
                  }));
    }
    senders.forEach(Harness::joinQuietly);
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

  /** Highest sustained accept rate, closed-loop, then the time the workers need to catch up. */
  private void ingest(
      String backend,
      RastroProcess rastro,
      String url,
      List<String> shipments,
      int batch,
      int concurrency) {
    var api = rastro.api();
    var traffic = new Traffic(shipments, Traffic.Profile.realistic(), batch);
    // A few seconds first, not measured, so that the figures are of a warm JVM.
    Driver.closedLoop(
        concurrency,
        plan.warmUp(),
        batch,
        () -> batch == 1 ? sendOne(api, traffic.next()) : sendBatch(api, traffic, batch));
    awaitDrained(api);
    var scenario =
        batch == 1 ? "ingest, one event per request" : "ingest, " + batch + " events per request";
    // Profiled on the default backend: what the machine's cores and Rastro's JVM spend the run on.
    var profile =
        backend.equals("embedded")
            ? Profile.start(
                rastro.pid(), url, Path.of("target", "it-data", Report.slug(scenario) + ".jfr"))
            : null;
    var result =
        Driver.closedLoop(
            concurrency,
            plan.ingest(),
            batch,
            () -> batch == 1 ? sendOne(api, traffic.next()) : sendBatch(api, traffic, batch));
    var drainStarted = System.nanoTime();
    awaitDrained(api);
    var drain = (System.nanoTime() - drainStarted) / 1e9;
    if (profile != null) {
      profiles.add(profile.stop(scenario + ", until written"));
    }
    var events = result.accepted() * (double) batch;
    outcomes.add(
        Outcome.of(scenario, backend)
            .with("accepted events/s", result.acceptedPerSecond())
            .withLatency("accept", result)
            .with("written events/s", events / (result.seconds() + drain))
            .with("drain s", drain)
            .with("refused", result.refused())
            .with("failed", result.failed())
            .withSeries(result));
    System.out.printf(
        "%s: %.0f events/s accepted, p99 %.1f ms%n",
        scenario, result.acceptedPerSecond(), result.percentileMillis(99));
  }

  private static int sendOne(Api api, Map<String, Object> event) {
    return api.post("/api/v1/shipments/" + event.get("trackingNumber") + "/events", event).status();
  }

  private static int sendBatch(Api api, Traffic traffic, int size) {
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

  /** Detail reads at a fixed rate, alone and during a write spike. */
  private void read(String backend, RastroProcess rastro, String url, List<String> shipments) {
    var api = rastro.api();
    var random = new java.util.Random(2);
    Driver.Request detail =
        () ->
            api.get("/api/v1/shipments/" + shipments.get(random.nextInt(shipments.size())))
                .status();
    Driver.openLoop(DETAIL_RATE, plan.warmUp(), 1, 256, detail); // not measured: warms the JVM up
    var quiet = Driver.openLoop(DETAIL_RATE, plan.read(), 1, 256, detail);
    // The most the server answers, 16 at a time; profiled: where a read's time goes.
    var profile =
        Profile.start(rastro.pid(), url, Path.of("target", "it-data", "shipment-detail.jfr"));
    var most = Driver.closedLoop(16, plan.read(), 1, detail);
    profiles.add(profile.stop("shipment detail, 16 at a time"));
    var traffic = new Traffic(shipments, Traffic.Profile.realistic(), 7);
    var ingestMeanwhile = new java.util.concurrent.atomic.AtomicReference<Driver.Result>();
    var steady =
        whileIngesting(
            api,
            () -> ingestMeanwhile.set(steadyIngest(api, traffic, TARGET_INGEST_RATE, plan.read())),
            () -> Driver.openLoop(DETAIL_RATE, plan.read(), 1, 256, detail));
    awaitReadModelCaughtUp(api);
    var busy =
        duringSpike(api, traffic, () -> Driver.openLoop(DETAIL_RATE, plan.read(), 1, 256, detail));
    var catchUp = awaitReadModelCaughtUp(api);
    Driver.Request page = () -> api.get("/api/v1/shipments?limit=50").status();
    var list = Driver.openLoop(100, plan.read(), 1, 64, page);
    var listBusy = duringSpike(api, traffic, () -> Driver.openLoop(100, plan.read(), 1, 64, page));
    awaitReadModelCaughtUp(api);
    outcomes.add(
        Outcome.of("shipment list, 50 a page, at 100 reads/s", backend)
            .withLatency("alone", list)
            .withLatency("during a write spike", listBusy)
            .withSeries(listBusy));
    outcomes.add(
        Outcome.of(DETAIL_SCENARIO, backend)
            .with("most reads/s, 16 at a time", most.acceptedPerSecond())
            .withLatency("alone", quiet)
            .withLatency(DURING_TARGET_INGEST, steady)
            .with("events/s accepted meanwhile", ingestMeanwhile.get().acceptedPerSecond())
            .withLatency("during a write spike", busy)
            .with(
                "p99 ratio spike/alone",
                busy.percentileMillis(99) / Math.max(0.001, quiet.percentileMillis(99)))
            .with(
                "p99 / raw lookup p99",
                quiet.percentileMillis(99) / Math.max(0.001, limits.get("lookup p99 ms")))
            .with("projection caught up after the spike s", catchUp)
            .withSeries(busy));
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
  private static Driver.Result steadyIngest(
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

  /** Time from a 202 to the event showing in the shipment's detail, under a steady ingest. */
  private void freshness(Api api, List<String> shipments, int eventsPerSecond, String readModel) {
    var traffic =
        new Traffic(shipments.subList(1, shipments.size()), Traffic.Profile.realistic(), 9);
    var background = new java.util.concurrent.atomic.AtomicReference<Driver.Result>();
    var sender =
        Thread.ofVirtual()
            .start(() -> background.set(steadyIngest(api, traffic, eventsPerSecond, plan.read())));
    var probe = shipments.getFirst();
    var latencies = new Histogram(3_600_000_000L, 3);
    var deadline = System.nanoTime() + plan.read().toNanos();
    var n = new AtomicLong();
    while (System.nanoTime() < deadline) {
      var id = "probe-" + eventsPerSecond + "-" + n.incrementAndGet(); // new in every run
      var event = new java.util.LinkedHashMap<String, Object>();
      event.put("eventId", id);
      event.put("status", "IN_TRANSIT");
      event.put("occurredAt", java.time.Instant.now().minusSeconds(60).toString());
      var sent = System.nanoTime();
      if (api.post("/api/v1/shipments/" + probe + "/events", event).status() != 202) {
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
          break;
        }
      }
      latencies.recordValue((System.nanoTime() - sent) / 1000);
    }
    joinQuietly(sender);
    outcomes.add(
        Outcome.of("freshness, " + readModel, "embedded, " + eventsPerSecond + " events/s")
            .with("events/s accepted meanwhile", background.get().acceptedPerSecond())
            .with("202 to visible p50 ms", latencies.getValueAtPercentile(50) / 1000.0)
            .with("202 to visible p99 ms", latencies.getValueAtPercentile(99) / 1000.0)
            .with("probes", latencies.getTotalCount()));
  }

  private static void joinQuietly(Thread thread) {
    try {
      thread.join();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
