package io.rastro.bench;

import io.rastro.support.Api;
import io.rastro.support.RastroProcess;
import io.rastro.support.Reliability;
import io.rastro.support.TestDatabase;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Executors;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicLong;
import org.HdrHistogram.ConcurrentHistogram;
import org.HdrHistogram.Histogram;

/**
 * Tracking events sharded by time, measured (issue 19): the same load on a Rastro whose events all
 * live on its own database, on one whose 2025 lives on one shard, and on one whose 2025 is split
 * over two shards (January to June, July to December). The shards are databases of the machine's
 * PostgreSQL server (127.0.0.1:5432), Rastro's own database its embedded one: two servers on the
 * same two cores, so the ratios show what the foreign partitions cost, not what more machines would
 * give. For each: events written per second while senders post batches of 500 as fast as it accepts
 * them, the accept latency, a shipment's history read from the write model (through the foreign
 * partitions) and its detail through the API (from the read model, which shards do not touch). Run
 * with {@code bench/run shards [shipments=N] [seconds=S] [reads=R]}; writes {@code
 * BENCHMARKS-shards.md}.
 */
final class ShardsScenario {

  private static final List<String> STATUSES =
      List.of("PICKED_UP", "IN_TRANSIT", "OUT_FOR_DELIVERY", "DELIVERY_ATTEMPTED", "EXCEPTION");
  private static final int BATCH = 500;
  private static final int SENDERS = 4;

  private final int shipments;
  private final int seconds;
  private final int reads;
  private final String command;

  private ShardsScenario(int shipments, int seconds, int reads, String command) {
    this.shipments = shipments;
    this.seconds = seconds;
    this.reads = reads;
    this.command = command;
  }

  /** Runs the scenario; {@code args} are those after {@code shards} on the command line. */
  static void run(List<String> args) throws Exception {
    int shipments = 5_000;
    int seconds = 60;
    int reads = 2_000;
    for (var arg : args) {
      if (arg.startsWith("shipments=")) {
        shipments = Integer.parseInt(arg.substring("shipments=".length()));
      } else if (arg.startsWith("seconds=")) {
        seconds = Integer.parseInt(arg.substring("seconds=".length()));
      } else if (arg.startsWith("reads=")) {
        reads = Integer.parseInt(arg.substring("reads=".length()));
      } else if (!arg.isBlank()) {
        throw new IllegalArgumentException("Unknown option " + arg);
      }
    }
    new ShardsScenario(shipments, seconds, reads, String.join(" ", args)).measure();
  }

  /** One configuration measured. */
  record Result(
      String name,
      double writtenPerSecond,
      double acceptP50,
      double acceptP99,
      double historyP50,
      double historyP99,
      double detailP50,
      double detailP99,
      double copyRowsPerSecond) {}

  private void measure() throws Exception {
    var results = new ArrayList<Result>();
    results.add(measure("no shards", Map.of()));
    results.add(measure("one shard (2025)", Map.of("s1", List.of("2025-01", "2025-12"))));
    results.add(
        measure(
            "two shards (2025 H1, H2)",
            Map.of("s1", List.of("2025-01", "2025-06"), "s2", List.of("2025-07", "2025-12"))));
    write(results);
  }

  private Result measure(String name, Map<String, List<String>> shards) throws Exception {
    var port = RastroProcess.freePort();
    var url = "jdbc:postgresql://localhost:" + port + "/postgres";
    var properties =
        new HashMap<>(RastroProcess.ownDatabase(Path.of(TestDatabase.freshDirectory()), port));
    properties.put("logging.level.root", "warn");
    properties.put("rastro.analytics.enabled", "false");
    int i = 0;
    for (var shard : new java.util.TreeMap<>(shards).entrySet()) {
      var prefix = "rastro.tracking.shards[" + i++ + "].";
      properties.put(prefix + "name", shard.getKey());
      properties.put(prefix + "url", TestDatabase.freshServerDatabase());
      properties.put(prefix + "from", shard.getValue().get(0));
      properties.put(prefix + "to", shard.getValue().get(1));
    }
    System.out.println("== " + name);
    try (var rastro = RastroProcess.start("bench-shards", properties)) {
      var api = rastro.api();
      var numbers = Reliability.shipments(api, shipments);
      var accept = new ConcurrentHistogram(3);
      var before = Metrics.read(api).writtenEvents();
      var started = System.nanoTime();
      var deadline = started + seconds * 1_000_000_000L;
      var sequence = new AtomicLong();
      try (var senders = Executors.newFixedThreadPool(SENDERS)) {
        for (int s = 0; s < SENDERS; s++) {
          senders.submit(
              () -> {
                while (System.nanoTime() < deadline) {
                  var batch = batch(numbers, sequence);
                  var sent = System.nanoTime();
                  var answer = api.post("/api/v1/tracking-events", batch);
                  accept.recordValue((System.nanoTime() - sent) / 1_000);
                  if (answer.status() == 503) {
                    Thread.sleep(100); // the queue is full: the writers are the limit
                  } else if (answer.status() != 202) {
                    throw new IllegalStateException("refused: " + answer.raw());
                  }
                }
                return null;
              });
        }
      }
      Reliability.awaitDrained(api, java.time.Duration.ofMinutes(10));
      var elapsed = (System.nanoTime() - started) / 1e9;
      var written = Metrics.read(api).writtenEvents() - before;
      var history = history(url, numbers);
      var detail = detail(api, numbers);
      var copy = MachineLimits.copyRowsPerSecond(url, 1_000_000);
      var result =
          new Result(
              name,
              written / elapsed,
              Percentiles.millis(accept, 50),
              Percentiles.millis(accept, 99),
              Percentiles.millis(history, 50),
              Percentiles.millis(history, 99),
              Percentiles.millis(detail, 50),
              Percentiles.millis(detail, 99),
              copy);
      System.out.println(result);
      return result;
    }
  }

  private static List<Map<String, Object>> batch(List<String> numbers, AtomicLong sequence) {
    var random = ThreadLocalRandom.current();
    var batch = new ArrayList<Map<String, Object>>(BATCH);
    for (int e = 0; e < BATCH; e++) {
      var event = new LinkedHashMap<String, Object>();
      event.put("trackingNumber", numbers.get(random.nextInt(numbers.size())));
      event.put("eventId", "bench-" + sequence.incrementAndGet());
      event.put("status", STATUSES.get(random.nextInt(STATUSES.size())));
      event.put(
          "occurredAt",
          Instant.parse("2025-01-01T00:00:00Z")
              .plusSeconds(random.nextLong(365L * 24 * 3600))
              .toString());
      event.put("city", "Madrid");
      event.put("country", "ES");
      batch.add(event);
    }
    return batch;
  }

  /**
   * A shipment's events straight from the write model, by its id, through whatever partitions hold
   * them: each foreign one answers {@code shipment_id = ?} on its shard. (Joined to {@code
   * shipments} by tracking number instead, the planner, without statistics of the foreign tables,
   * fetches whole months from the shards: a first try of this scenario did.)
   */
  private Histogram history(String url, List<String> numbers) throws SQLException {
    var histogram = new Histogram(3);
    var random = ThreadLocalRandom.current();
    try (var connection = DriverManager.getConnection(url, "postgres", "");
        var id = connection.prepareStatement("select id from shipments where tracking_number = ?");
        var events =
            connection.prepareStatement(
                "select * from tracking_events where shipment_id = ? order by occurred_at")) {
      for (int r = 0; r < reads + 50; r++) {
        id.setString(1, numbers.get(random.nextInt(numbers.size())));
        var started = System.nanoTime();
        try (var found = id.executeQuery()) {
          found.next();
          events.setLong(1, found.getLong(1));
        }
        try (var rows = events.executeQuery()) {
          while (rows.next()) {
            rows.getString("event_id");
          }
        }
        if (r >= 50) {
          histogram.recordValue((System.nanoTime() - started) / 1_000);
        }
      }
    }
    return histogram;
  }

  private Histogram detail(Api api, List<String> numbers) {
    var histogram = new Histogram(3);
    var random = ThreadLocalRandom.current();
    for (int r = 0; r < reads + 50; r++) {
      var started = System.nanoTime();
      var answer = api.get("/api/v1/shipments/" + numbers.get(random.nextInt(numbers.size())));
      if (answer.status() != 200) {
        throw new IllegalStateException("detail: " + answer.raw());
      }
      if (r >= 50) {
        histogram.recordValue((System.nanoTime() - started) / 1_000);
      }
    }
    return histogram;
  }

  private void write(List<Result> results) throws IOException {
    var none = results.getFirst();
    var rows = new StringBuilder();
    for (var r : results) {
      rows.append(
          "| %s | %,.0f | %.3f | %.2f | %.1f / %.1f | %.2f / %.2f | %.2f | %.2f / %.2f |%n"
              .formatted(
                  r.name(),
                  r.writtenPerSecond(),
                  r.writtenPerSecond() / r.copyRowsPerSecond(),
                  r.writtenPerSecond() / none.writtenPerSecond(),
                  r.acceptP50(),
                  r.acceptP99(),
                  r.historyP50(),
                  r.historyP99(),
                  r.historyP99() / none.historyP99(),
                  r.detailP50(),
                  r.detailP99()));
    }
    var text =
        """
        # Shards by time: benchmark

        `bench/run shards %s`, %s. Each configuration is a Rastro of its own with its own embedded
        PostgreSQL (fsync on) and %,d shipments; the shards are fresh databases of the machine's PostgreSQL
        server at 127.0.0.1:5432, a second server on the same two cores. %d senders post batches of %d events
        for %d s, each event on a shipment drawn at random and dated at random in 2025 (so every month of
        the shards' ranges is written); then %,d reads of each kind, one at a time, after 50 of warm-up.

        | configuration | written events/s | / raw `COPY` rows/s | / no shards | accept p50 / p99 (ms) | history from the write model p50 / p99 (ms) | history p99 / no shards | detail (API) p50 / p99 (ms) |
        |---|---|---|---|---|---|---|---|
        %s
        - *Written events/s*: `rastro_tracking_events_total{outcome="written"}` over the sending and the
          drain of the queue; raw `COPY` is one-column rows into Rastro's own database, measured after each
          configuration.
        - *History from the write model*: the shipment's id by its tracking number, then `select * from
          tracking_events where shipment_id = ? order by occurred_at` on Rastro's database, which reads every
          partition: the local ones, and each foreign one through `postgres_fdw`, which sends the condition
          to its shard (the shards' months are scanned concurrently, `async_capable`).
        - *Detail (API)*: `GET /api/v1/shipments/{trackingNumber}`, answered from the read model, which
          shards do not touch.

        Not measured here: shards on machines of their own (here they share the two cores with Rastro's
        database, so the split cannot add capacity), a move of a month under load, and the growth scenario
        with archiving on.
        """
            .formatted(
                command.isBlank() ? "(shipments=5000 seconds=60 reads=2000)" : command,
                Instant.now().truncatedTo(ChronoUnit.SECONDS),
                shipments,
                SENDERS,
                BATCH,
                seconds,
                reads,
                rows);
    Files.writeString(Path.of("BENCHMARKS-shards.md"), text);
    System.out.println(text);
  }
}
