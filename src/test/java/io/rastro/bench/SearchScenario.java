package io.rastro.bench;

import static org.awaitility.Awaitility.await;

import io.rastro.search.SearchQuery;
import io.rastro.search.elasticsearch.RawElasticsearchSearch;
import io.rastro.search.postgres.RawPostgresSearch;
import io.rastro.support.Api;
import io.rastro.support.ElasticsearchNode;
import io.rastro.support.RastroProcess;
import io.rastro.support.Reliability;
import io.rastro.support.TestDatabase;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import java.util.concurrent.locks.LockSupport;
import org.HdrHistogram.Histogram;
import org.HdrHistogram.Recorder;
import org.jspecify.annotations.Nullable;
import org.springframework.jdbc.datasource.SingleConnectionDataSource;
import tools.jackson.databind.json.JsonMapper;

/**
 * Search, measured (issue 16): on each engine, shipments bulk-loaded ({@link SearchBulkLoader}) and
 * indexed by Rastro's own search consumer, then text, geo and combined queries by one client
 * through the API beside the same query sent straight to the engine, alone and during a batch
 * ingest aimed at {@link Harness#TARGET_INGEST_RATE}; and the index freshness. Run with {@code
 * bench/run search}; writes {@code BENCHMARKS-search.md} and {@code bench/results/search.json}.
 */
final class SearchScenario {

  /**
   * How much to measure.
   *
   * @param sizes the numbers of shipments, loaded one after another into the same database
   * @param warmUp queries sent and not timed, before each size's first measurement
   * @param perKind how long each kind of query is timed, in each condition
   * @param probes freshness probes per engine and size
   * @param engines which engines to measure
   */
  record Plan(
      String name,
      List<Integer> sizes,
      Duration warmUp,
      Duration perKind,
      int probes,
      List<String> engines) {

    /**
     * {@code quick}: 100,000 shipments, 20 s per kind; {@code full}: 100,000 and 1,000,000, a
     * minute per kind. Options change either: {@code sizes=20000,50000}, {@code seconds=30} (per
     * kind), {@code probes=200}, {@code engines=postgres}.
     */
    static Plan of(String name, List<String> options) {
      var plan =
          switch (name) {
            case "full" ->
                new Plan(
                    "full",
                    List.of(100_000, 1_000_000),
                    Duration.ofSeconds(60),
                    Duration.ofSeconds(60),
                    600,
                    ENGINES);
            case "quick" ->
                new Plan(
                    "quick",
                    List.of(100_000),
                    Duration.ofSeconds(20),
                    Duration.ofSeconds(20),
                    300,
                    ENGINES);
            default -> throw new IllegalArgumentException("quick or full, not " + name);
          };
      for (var option : options) {
        var value = option.substring(option.indexOf('=') + 1);
        if (option.startsWith("sizes=")) {
          plan =
              plan.with(
                  split(value).stream().map(Integer::valueOf).sorted().toList(), null, -1, null);
        } else if (option.startsWith("seconds=")) {
          plan = plan.with(null, Duration.ofSeconds(Long.parseLong(value)), -1, null);
        } else if (option.startsWith("probes=")) {
          plan = plan.with(null, null, Integer.parseInt(value), null);
        } else if (option.startsWith("engines=")) {
          plan = plan.with(null, null, -1, split(value));
        } else if (!option.isBlank()) {
          throw new IllegalArgumentException(
              "sizes=, seconds=, probes= or engines=, not " + option);
        }
      }
      return plan;
    }

    private Plan with(
        @Nullable List<Integer> sizes,
        @Nullable Duration perKind,
        int probes,
        @Nullable List<String> engines) {
      return new Plan(
          name,
          sizes == null ? this.sizes : sizes,
          perKind == null ? warmUp : perKind,
          perKind == null ? this.perKind : perKind,
          probes < 0 ? this.probes : probes,
          engines == null ? this.engines : engines);
    }

    private static List<String> split(String value) {
      return Arrays.stream(value.split(",")).map(String::strip).filter(s -> !s.isEmpty()).toList();
    }
  }

  static final List<String> ENGINES = List.of("postgres", "elasticsearch");

  private static final String ALONE = "alone";

  /** Samples of each kind a run alone goes on for: more than a p99 needs (299). */
  static final int MINIMUM_SAMPLES = 400;

  private static final String ALIAS = "rastro-shipments";
  private static final HttpClient HTTP =
      HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();

  private final Plan plan;
  private final SearchReport report;
  private final List<SearchCorpus.Query> queries = SearchCorpus.queries();

  private SearchScenario(Plan plan) {
    this.plan = plan;
    this.report =
        new SearchReport(
            plan.name(),
            "Rastro on its embedded PostgreSQL 18 and queue; Elasticsearch 8.17.0 on one node"
                + " (512 MB heap); analytics off; 2 cores shared by Rastro, PostgreSQL,"
                + " Elasticsearch and the load.");
  }

  static void run(List<String> args) throws Exception {
    var plan = Plan.of(args.isEmpty() ? "quick" : args.getFirst(), args.stream().skip(1).toList());
    new SearchScenario(plan).measure();
  }

  /**
   * Each size in turn, loaded once into one database and indexed by the search consumer; then each
   * engine on it, by a Rastro of its own on that database: Elasticsearch's index is rebuilt from
   * the search documents by Rastro's reindex first.
   */
  private void measure() throws Exception {
    var port = RastroProcess.freePort();
    var dataDirectory = Path.of(TestDatabase.freshDirectory());
    var url = "jdbc:postgresql://localhost:" + port + "/postgres";
    try (var node = plan.engines().contains("elasticsearch") ? ElasticsearchNode.start() : null) {
      long loaded = 0;
      for (var size : plan.sizes()) {
        for (var engine : plan.engines()) {
          System.out.println("== search on " + engine + " at " + size + " shipments");
          var properties = new HashMap<>(RastroProcess.ownDatabase(dataDirectory, port));
          properties.put("logging.level.root", "warn");
          properties.put("rastro.analytics.enabled", "false");
          properties.put("rastro.search.engine", engine);
          var elasticsearch = engine.equals("elasticsearch") ? node : null;
          if (elasticsearch != null) {
            properties.put("rastro.search.elasticsearch.uris", elasticsearch.uri());
          }
          try (var rastro = RastroProcess.start("bench-search-" + engine, properties)) {
            if (loaded < size) {
              load(url, loaded, size, engine);
              loaded = size;
            }
            if (elasticsearch != null) {
              var reindexed = rastro.api().post("/api/v1/admin/search/reindex", "{}");
              if (reindexed.status() != 200) {
                throw new IllegalStateException("The reindex failed: " + reindexed.raw());
              }
              report.note(
                  engine,
                  size,
                  "a reindex of %,d documents (`POST /api/v1/admin/search/reindex`) took %,d ms"
                      .formatted(
                          reindexed.body().path("documents").asLong(),
                          reindexed.body().path("tookMs").asLong()));
              awaitIndexed(url, elasticsearch, reindexed.body().path("documents").asLong());
            }
            measure(rastro, url, elasticsearch, engine, size);
          }
          write();
        }
      }
    }
  }

  /** Loads shipments {@code from} to {@code to} and waits until they are indexed. */
  private void load(String url, long from, long to, String engine) throws Exception {
    var started = System.nanoTime();
    for (long n = from; n < to; n += BulkLoader.SLICE) {
      SearchBulkLoader.load(url, n, (int) Math.min(BulkLoader.SLICE, to - n));
    }
    var loadSeconds = (System.nanoTime() - started) / 1e9;
    var indexSeconds = awaitIndexed(url, null, 0);
    report.note(
        engine,
        to,
        "%,d shipments loaded by COPY in %.0f s, then folded by the search consumer in %.0f s"
            .formatted(to - from, loadSeconds, indexSeconds));
  }

  /** What one engine answers at one size. */
  private void measure(
      RastroProcess rastro, String url, @Nullable ElasticsearchNode node, String engine, long size)
      throws Exception {
    try (var database = new SingleConnectionDataSource(url, "postgres", "", true)) {
      var api = rastro.api();
      Raw raw =
          node == null
              ? new RawPostgresSearch(database)::run
              : query -> rawElasticsearch(node.uri(), query);
      var pids = new Pids(rastro.pid(), Profile.postmaster(url), node == null ? 0 : node.pid());
      var sample = MachineLimits.sampleTrackingNumbers(url, 2000);
      timed(api, raw, pids, new SearchReport.Setting(engine, size, ALONE), plan.warmUp());
      duringIngest(api, raw, pids, url, node, sample, engine, size);
      freshness(api, url, node, sample, new SearchReport.Setting(engine, size, ALONE));
    }
  }

  /** One search straight to the engine. */
  private interface Raw {
    void run(SearchQuery query) throws Exception;
  }

  /** Rastro's JVM, the PostgreSQL postmaster, the Elasticsearch launcher (0: none). */
  private record Pids(long rastro, long postmaster, long elasticsearch) {}

  private static void rawElasticsearch(String uri, SearchQuery query)
      throws IOException, InterruptedException {
    var response =
        HTTP.send(
            HttpRequest.newBuilder(URI.create(uri + "/" + ALIAS + "/_search"))
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(RawElasticsearchSearch.body(query)))
                .build(),
            HttpResponse.BodyHandlers.ofString());
    if (response.statusCode() != 200) {
      throw new IllegalStateException("Elasticsearch answered " + response.body());
    }
  }

  /**
   * Times each kind of query for {@link Plan#perKind}, each query through the API and then straight
   * to the engine, after {@code warmUp} of the same untimed.
   */
  private void timed(Api api, Raw raw, Pids pids, SearchReport.Setting setting, Duration warmUp)
      throws Exception {
    var deadline = System.nanoTime() + warmUp.toNanos();
    for (int i = 0; System.nanoTime() < deadline; i++) {
      var query = queries.get(i % queries.size());
      search(api, query);
      raw.run(query.request().query(null));
    }
    // What Rastro and the engine spend with no query, per second: subtracted from the queries'.
    var idle = new Cpu(Double.NaN, Double.NaN);
    if (setting.condition().equals(ALONE)) {
      var idleFrom = Profile.cpuTicks();
      LockSupport.parkNanos(IDLE.toNanos());
      idle = cpu(pids, idleFrom, Profile.cpuTicks(), IDLE.toNanos());
    }
    var byQuery = new LinkedHashMap<SearchCorpus.Query, Histogram[]>();
    for (var kind : SearchCorpus.Kind.values()) {
      var ofKind = queries.stream().filter(q -> q.kind() == kind).toList();
      var apiLatency = histogram();
      var rawLatency = histogram();
      var metricsBefore = api.get("/actuator/prometheus").raw();
      var before = Profile.cpuTicks();
      var started = System.nanoTime();
      var end = started + plan.perKind().toNanos();
      // Alone, on until there are samples enough for a p99, up to five times as long.
      var latest = setting.condition().equals(ALONE) ? end + 4 * plan.perKind().toNanos() : end;
      for (int i = 0;
          System.nanoTime() < end
              || (apiLatency.getTotalCount() < MINIMUM_SAMPLES && System.nanoTime() < latest);
          i++) {
        var query = ofKind.get(i % ofKind.size());
        var each = byQuery.computeIfAbsent(query, q -> new Histogram[] {histogram(), histogram()});
        var sent = System.nanoTime();
        search(api, query);
        var answered = System.nanoTime();
        raw.run(query.request().query(null));
        var rawAnswered = System.nanoTime();
        record(apiLatency, each[0], answered - sent);
        record(rawLatency, each[1], rawAnswered - answered);
      }
      var after = Profile.cpuTicks();
      var busy = cpu(pids, before, after, System.nanoTime() - started);
      var metricsAfter = api.get("/actuator/prometheus").raw();
      var n = (double) apiLatency.getTotalCount();
      var seconds = (System.nanoTime() - started) / 1e9;
      if (setting.condition().equals(ALONE)) {
        report.add(
            new SearchReport.Breakdown(
                setting,
                kind.name().toLowerCase(java.util.Locale.ROOT),
                apiLatency.getMean() / 1000,
                meanMillis(metricsBefore, metricsAfter, "http_server_requests_seconds", SEARCH_URI),
                meanMillis(
                    metricsBefore, metricsAfter, "rastro_pipeline_step_seconds", ENGINE_STEP),
                rawLatency.getMean() / 1000));
      }
      report.add(
          SearchReport.Row.of(
              setting,
              kind.name().toLowerCase(java.util.Locale.ROOT),
              apiLatency,
              rawLatency,
              (busy.rastro() - idle.rastro()) * seconds / n,
              (busy.engine() - idle.engine()) * seconds / (2 * n)));
      System.out.printf(
          "%s %s: API p50 %.1f ms, raw p50 %.1f ms, n=%d%n",
          setting,
          kind,
          apiLatency.getValueAtPercentile(50) / 1000.0,
          rawLatency.getValueAtPercentile(50) / 1000.0,
          apiLatency.getTotalCount());
    }
    byQuery.forEach(
        (query, each) ->
            report.add(
                new SearchReport.Detail(
                    setting,
                    query.label(),
                    each[0].getTotalCount(),
                    Percentiles.millis(each[0], 50),
                    Percentiles.millis(each[1], 50))));
  }

  /** How long the CPU of Rastro and the engine is sampled with no query, before the queries. */
  private static final Duration IDLE = Duration.ofSeconds(5);

  /** CPU µs per second of Rastro's JVM and of the engine (a node, or a postmaster's family). */
  private record Cpu(double rastro, double engine) {}

  private static Cpu cpu(
      Pids pids,
      Map<Long, Profile.CpuTicks> before,
      Map<Long, Profile.CpuTicks> after,
      long nanos) {
    var engine =
        Profile.family(after, pids.elasticsearch() == 0 ? pids.postmaster() : pids.elasticsearch());
    var seconds = nanos / 1e9;
    return new Cpu(
        Profile.cpuMicros(before, after, Set.of(pids.rastro())) / seconds,
        Profile.cpuMicros(before, after, engine) / seconds);
  }

  private static final String SEARCH_URI = "uri=\"/api/v1/shipments/search\"";
  private static final String ENGINE_STEP = "step=\"search.query\"";

  /** The mean of a timer's calls between two expositions, in milliseconds. */
  static double meanMillis(String before, String after, String timer, String label) {
    var seconds =
        Metrics.sum(after, timer + "_sum", label) - Metrics.sum(before, timer + "_sum", label);
    var calls =
        Metrics.sum(after, timer + "_count", label) - Metrics.sum(before, timer + "_count", label);
    return calls == 0 ? Double.NaN : seconds * 1000 / calls;
  }

  private static void record(Histogram pooled, Histogram each, long nanos) {
    pooled.recordValue(nanos / 1000);
    each.recordValue(nanos / 1000);
  }

  private static Histogram histogram() {
    return new Histogram(3_600_000_000L, 3);
  }

  private static Api.Response search(Api api, SearchCorpus.Query query) {
    var response = api.get("/api/v1/shipments/search?" + query.parameters());
    if (response.status() != 200) {
      throw new IllegalStateException("The search answered " + response.raw());
    }
    return response;
  }

  /** The same queries while batches of events are sent at the target rate. */
  private void duringIngest(
      Api api,
      Raw raw,
      Pids pids,
      String url,
      @Nullable ElasticsearchNode node,
      List<String> sample,
      String engine,
      long size)
      throws Exception {
    var setting = new SearchReport.Setting(engine, size, Harness.DURING_TARGET_INGEST);
    var traffic = new Traffic(sample, Traffic.Profile.realistic(), size);
    var ingest = new AtomicReference<Driver.Result>();
    var length = plan.perKind().multipliedBy(SearchCorpus.Kind.values().length);
    var sender =
        Thread.ofVirtual()
            .start(
                () ->
                    ingest.set(
                        Harness.steadyIngest(api, traffic, Harness.TARGET_INGEST_RATE, length)));
    timed(api, raw, pids, setting, Duration.ZERO);
    sender.join();
    report.ingested(setting, ingest.get().acceptedPerSecond());
    Reliability.awaitDrained(api, Duration.ofMinutes(30));
    awaitIndexed(url, node, 0);
  }

  /**
   * Waits until the search consumer has applied every outbox row, and Elasticsearch holds at least
   * {@code documents}; returns how long that took, in seconds. Then waits for the other consumers
   * too (the projection, the webhooks), so that their catching up is not measured as the search's.
   */
  private static double awaitIndexed(String url, @Nullable ElasticsearchNode node, long documents) {
    var started = System.nanoTime();
    await()
        .atMost(Duration.ofHours(3))
        .pollInterval(Duration.ofSeconds(1))
        .until(() -> behind(url, "where c.name = 'search'") == 0);
    if (node != null) {
      await()
          .atMost(Duration.ofMinutes(5))
          .pollInterval(Duration.ofMillis(500))
          .ignoreExceptions()
          .until(() -> elasticsearchCount(node) >= documents);
    }
    var seconds = (System.nanoTime() - started) / 1e9;
    await()
        .atMost(Duration.ofHours(3))
        .pollInterval(Duration.ofSeconds(1))
        .until(() -> behind(url, "") == 0);
    return seconds;
  }

  /** Outbox rows the least advanced of these consumers ({@code where} on their cursors) lacks. */
  private static long behind(String url, String where) throws SQLException {
    try (var connection = DriverManager.getConnection(url, "postgres", "");
        var statement = connection.createStatement();
        var rows =
            statement.executeQuery(
                """
                select count(*) from outbox o
                where (o.txid, o.position) > coalesce(
                    (select min((c.txid, c.position)) from outbox_cursors c %s),
                    ('0'::xid8, 0::bigint))
                """
                    .formatted(where))) {
      rows.next();
      return rows.getLong(1);
    }
  }

  private static long elasticsearchCount(ElasticsearchNode node) throws Exception {
    var response =
        HTTP.send(
            HttpRequest.newBuilder(URI.create(node.uri() + "/" + ALIAS + "/_count")).GET().build(),
            HttpResponse.BodyHandlers.ofString());
    return JsonMapper.builder().build().readTree(response.body()).path("count").asLong();
  }

  /** Probes sent at once: each waits for its own, so a probe's latency is not its queue's. */
  static final int PROBERS = 4;

  /**
   * Each probe records an event with a word no shipment holds, on a shipment of its own, then
   * searches for the word every 10 ms until the shipment is found; {@link #PROBERS} at a time.
   */
  private void freshness(
      Api api,
      String url,
      @Nullable ElasticsearchNode node,
      List<String> sample,
      SearchReport.Setting setting)
      throws InterruptedException {
    var latencies = new Recorder(3_600_000_000L, 3);
    var unseen = new AtomicLong();
    var next = new AtomicInteger();
    var run = letters(Long.toString(System.nanoTime() % 100_000, 26));
    var probers = new ArrayList<Thread>();
    for (int p = 0; p < PROBERS; p++) {
      probers.add(
          Thread.ofVirtual()
              .start(
                  () -> {
                    for (var i = next.getAndIncrement();
                        i < plan.probes();
                        i = next.getAndIncrement()) {
                      var micros = probe(api, sample.get(i % sample.size()), run, i);
                      if (micros < 0) {
                        unseen.incrementAndGet();
                      }
                      latencies.recordValue(Math.abs(micros));
                    }
                  }));
    }
    for (var prober : probers) {
      prober.join();
    }
    var all = latencies.getIntervalHistogram();
    report.add(
        new SearchReport.Freshness(
            setting,
            all.getTotalCount(),
            unseen.get(),
            Percentiles.millis(all, 50),
            Percentiles.millis(all, 99)));
    awaitIndexed(url, node, 0);
  }

  /**
   * One probe; returns its latency in microseconds, negated when the word was not found within 30
   * s.
   */
  private static long probe(Api api, String trackingNumber, String run, int i) {
    var word = "sonda" + run + letters(Integer.toString(i, 26));
    var event = new LinkedHashMap<String, Object>();
    event.put("eventId", "probe-" + word);
    event.put("status", "IN_TRANSIT");
    event.put("occurredAt", Instant.now().minusSeconds(60).toString());
    event.put("description", "Revisión " + word);
    var sent = System.nanoTime();
    var accepted = api.post("/api/v1/shipments/" + trackingNumber + "/events", event);
    if (accepted.status() != 202) {
      throw new IllegalStateException("A probe was refused: " + accepted.raw());
    }
    while (!found(api, word, trackingNumber)) {
      LockSupport.parkNanos(10_000_000);
      if (System.nanoTime() - sent > 30_000_000_000L) {
        return -(System.nanoTime() - sent) / 1000;
      }
    }
    return (System.nanoTime() - sent) / 1000;
  }

  /** Digits of base 26 as letters, so that the probe's word is one word of letters only. */
  static String letters(String base26) {
    var letters = new StringBuilder();
    for (var c : base26.toCharArray()) {
      letters.append((char) ('a' + Character.digit(c, 26)));
    }
    return letters.toString();
  }

  private static boolean found(Api api, String word, String trackingNumber) {
    var items = api.get("/api/v1/shipments/search?limit=100&q=" + word).body().path("items");
    var numbers = new HashSet<String>();
    items.forEach(item -> numbers.add(item.path("trackingNumber").asString()));
    return numbers.contains(trackingNumber);
  }

  private void write() throws IOException {
    var text = report.markdown(java.time.LocalDate.now().toString());
    Files.writeString(Path.of("BENCHMARKS-search.md"), text);
    var results = Files.createDirectories(Path.of("bench", "results"));
    Files.writeString(
        results.resolve("search.json"),
        JsonMapper.builder()
            .build()
            .writerWithDefaultPrettyPrinter()
            .writeValueAsString(report.json()));
    System.out.println(text);
  }
}
