package io.rastro.bench;

import io.rastro.support.Api;
import io.rastro.support.Fixtures;
import io.rastro.support.RastroProcess;
import io.rastro.support.S3Node;
import io.rastro.support.TestDatabase;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.concurrent.locks.LockSupport;
import org.HdrHistogram.Histogram;

/**
 * The archive, measured (issue 19): the write model filled by {@link BulkLoader#histories} with
 * shipments whose last activity is more than a year old; one archive run moves them all to Parquet
 * on the local store, timed, with the CPU of Rastro and of its PostgreSQL; the files' size against
 * what the same rows took in PostgreSQL (tables, and tables with their indexes); then the detail of
 * archived shipments read through the API, from the local files, and from an S3-compatible server
 * (S3Mock) holding the same files: the first read of each file (which fetches it) and the reads
 * after. Run with {@code bench/run archive [shipments=N] [reads=R]}; writes {@code
 * BENCHMARKS-archive.md}.
 */
final class ArchiveScenario {

  private static final List<String> CARRIERS = List.of("SEUR", "CORREOS", "MRW", "GLS");
  private static final int SLICE = 200_000;

  private final int shipments;
  private final int reads;
  private final String command;
  private final Path dataDir = Path.of(TestDatabase.freshDirectory());
  private final int postgresPort = RastroProcess.freePort();
  private final String url = "jdbc:postgresql://localhost:" + postgresPort + "/postgres";

  private ArchiveScenario(int shipments, int reads, String command) {
    this.shipments = shipments;
    this.reads = reads;
    this.command = command;
  }

  /** Runs the scenario; {@code args} are those after {@code archive} on the command line. */
  static void run(List<String> args) throws Exception {
    int shipments = 200_000;
    int reads = 1_000;
    for (var arg : args) {
      if (arg.startsWith("shipments=")) {
        shipments = Integer.parseInt(arg.substring("shipments=".length()));
      } else if (arg.startsWith("reads=")) {
        reads = Integer.parseInt(arg.substring("reads=".length()));
      } else if (!arg.isBlank()) {
        throw new IllegalArgumentException("Unknown option " + arg);
      }
    }
    new ArchiveScenario(shipments, reads, String.join(" ", args)).measure();
  }

  private Map<String, String> properties(String store) {
    var properties = new HashMap<>(RastroProcess.ownDatabase(dataDir, postgresPort));
    properties.put("rastro.archive.after", "P1Y");
    properties.put("rastro.archive.schedule", "-");
    properties.put("rastro.archive.store", store);
    properties.put("rastro.analytics.enabled", "false");
    return properties;
  }

  private void measure() throws Exception {
    var report = new StringBuilder();
    var copy = 0.0;
    long events = 0;
    Sizes before;
    Run run;
    List<String> sample;
    try (var rastro = RastroProcess.start("bench-archive", properties("local"))) {
      var api = rastro.api();
      var fixtures = new Fixtures(api);
      var customer = fixtures.customer();
      for (var code : CARRIERS) {
        api.post("/api/v1/carriers", Map.of("code", code, "name", code));
      }
      var skipped = names("select name from outbox_cursors");
      skipped.addAll(List.of("projection", "search", "webhooks", "analytics-duckdb"));
      var anchor = Instant.now().minus(500, ChronoUnit.DAYS).truncatedTo(ChronoUnit.DAYS);
      for (int loaded = 0; loaded < shipments; loaded += SLICE) {
        var slice = Math.min(SLICE, shipments - loaded);
        events +=
            BulkLoader.histories(
                url, customer, CARRIERS, anchor, loaded, slice, List.copyOf(skipped));
        System.out.printf("bulk: %,d shipments, %,d events%n", loaded + slice, events);
      }
      copy = MachineLimits.copyRowsPerSecond(url, 1_000_000);
      execute("vacuum analyze");
      before = sizes();
      System.out.println("before: " + before);
      run = archive(rastro);
      System.out.println("run: " + run);
      sample = sample(reads);
      report.append(detail("local files", api, sample, 20));
    }
    // The same files on an S3-compatible server, read by a Rastro whose store is that server.
    try (var s3 = S3Node.start();
        var client = s3.client()) {
      var archive = dataDir.resolve("archive");
      try (var files = Files.walk(archive)) {
        for (var file : files.filter(Files::isRegularFile).toList()) {
          var key = "rastro/" + archive.relativize(file);
          client.putObject(r -> r.bucket(S3Node.BUCKET).key(key), file);
        }
      }
      var properties = properties("s3");
      properties.put("rastro.archive.s3.endpoint", s3.uri().toString());
      properties.put("rastro.archive.s3.bucket", S3Node.BUCKET);
      properties.put("rastro.archive.s3.prefix", "rastro/");
      // S3Mock takes any credentials; the SDK's usual chain finds these system properties.
      properties.put("-Daws.accessKeyId", "bench");
      properties.put("-Daws.secretAccessKey", "bench");
      try (var rastro = RastroProcess.start("bench-archive-s3", properties)) {
        var api = rastro.api();
        // No warm-up of their own: each is the first read of its file, which fetches the file
        // from the store into the cache.
        report.append(
            detail(
                "S3, first read of each file (fetched into the cache)",
                api,
                firstOfEachFile(sample),
                0));
        report.append(detail("S3, files in the cache", api, sample, 20));
      }
    }
    write(before, run, events, copy, report.toString());
  }

  record Sizes(long rows, long tableBytes, long totalBytes) {}

  /** What the write model's shipments and events take: rows, tables, tables with indexes. */
  private Sizes sizes() throws SQLException {
    try (var connection = DriverManager.getConnection(url, "postgres", "");
        var statement = connection.createStatement();
        var result =
            statement.executeQuery(
                """
                select (select count(*) from tracking_events),
                       sum(pg_relation_size(c.oid)), sum(pg_total_relation_size(c.oid))
                from pg_class c
                where c.relkind = 'r' and (c.relname in ('shipments', 'addresses', 'shipment_status',
                    'tracking_event_keys') or c.relname like 'tracking_events_%')
                """)) {
      result.next();
      return new Sizes(result.getLong(1), result.getLong(2), result.getLong(3));
    }
  }

  record Run(
      double seconds,
      long shipments,
      long events,
      long files,
      long bytes,
      double rastroCpuMicros,
      double postgresCpuMicros) {}

  private Run archive(RastroProcess rastro) throws Exception {
    var api = rastro.api();
    var postmaster = Profile.postmaster(url);
    var cpuBefore = Profile.cpuTicks();
    var started = System.nanoTime();
    var answer = api.post("/api/v1/admin/archive/run", "");
    if (answer.status() != 202) {
      throw new IllegalStateException("run refused: " + answer.raw());
    }
    var id = answer.body().path("id").asLong();
    while (true) {
      var state = api.get("/api/v1/admin/archive/runs/" + id).body();
      if (!state.path("status").asString().equals("running")) {
        if (!state.path("status").asString().equals("finished")) {
          throw new IllegalStateException("run failed: " + state);
        }
        var seconds = (System.nanoTime() - started) / 1e9;
        var cpuAfter = Profile.cpuTicks();
        var pids = new HashSet<>(Profile.family(cpuBefore, postmaster));
        pids.addAll(Profile.family(cpuAfter, postmaster));
        var rastroCpu = Profile.cpuMicros(cpuBefore, cpuAfter, Set.of(rastro.pid()));
        var postgresCpu = Profile.cpuMicros(cpuBefore, cpuAfter, pids);
        return new Run(
            seconds,
            state.path("shipments").asLong(),
            state.path("events").asLong(),
            state.path("files").asLong(),
            state.path("bytes").asLong(),
            rastroCpu,
            postgresCpu);
      }
      LockSupport.parkNanos(Duration.ofMillis(100).toNanos());
    }
  }

  private List<String> sample(int count) throws SQLException {
    var all = new ArrayList<>(names("select tracking_number from archived_shipments"));
    Collections.shuffle(all, new Random(19));
    return all.subList(0, Math.min(count, all.size()));
  }

  /** One shipment of each file among these, in the same order. */
  private List<String> firstOfEachFile(List<String> sample) throws SQLException {
    var seen = new HashSet<String>();
    var first = new ArrayList<String>();
    for (var number : sample) {
      var file =
          names("select file from archived_shipments where tracking_number = '" + number + "'")
              .iterator()
              .next();
      if (seen.add(file)) {
        first.add(number);
      }
    }
    return first;
  }

  /**
   * Reads these archived shipments through the API, one after the other, after a warm-up of {@code
   * warmUp} of them.
   */
  private static String detail(String where, Api api, List<String> numbers, int warmUp) {
    for (var number : numbers.subList(0, Math.min(warmUp, numbers.size()))) {
      api.get("/api/v1/shipments/" + number);
    }
    var histogram = new Histogram(60_000_000L, 3);
    for (var number : numbers) {
      var started = System.nanoTime();
      var answer = api.get("/api/v1/shipments/" + number);
      histogram.recordValue((System.nanoTime() - started) / 1000);
      if (answer.status() != 200 || !answer.body().path("archived").asBoolean()) {
        throw new IllegalStateException(number + ": " + answer.raw());
      }
    }
    return "| %s | %,d | %.1f | %.1f | %.1f |%n"
        .formatted(
            where,
            histogram.getTotalCount(),
            histogram.getValueAtPercentile(50) / 1000.0,
            histogram.getValueAtPercentile(99) / 1000.0,
            histogram.getMaxValue() / 1000.0);
  }

  private void write(Sizes before, Run run, long loaded, double copy, String reads)
      throws IOException {
    var eventsPerSecond = run.events() / run.seconds();
    var perMillion = 1_000_000.0 / Math.max(1, run.events());
    var text =
        """
        # Archive benchmark

        `bench/run archive %s` on this machine (2 cores, 24 GiB), %s. The write model held %,d shipments and
        %,d tracking events (realistic histories from the bulk loader, all more than a year old); one archive
        run moved them to Parquet files on the local store (`rastro.archive.after=P1Y`, 5,000 shipments a file).
        A run takes due shipments 5,000 at a time by key and writes one file per creation month among them;
        the bulk loader spreads creation times over the keys at random (about five months per 5,000 keys),
        so its files hold about 1,000 shipments each, where Rastro's own keys follow creation and fill them.

        ## Throughput

        | what | value |
        |---|---|
        | run | %,d shipments, %,d events, %,d files in %.1f s |
        | shipments per second | %,.0f |
        | events per second | %,.0f |
        | raw `COPY` of one-column rows into PostgreSQL, same machine | %,.0f rows/s |
        | events archived per second / raw `COPY` rows per second | %.3f |
        | CPU per 1,000 events: Rastro | %.1f ms |
        | CPU per 1,000 events: PostgreSQL | %.1f ms |

        Each file's rows are read from PostgreSQL, written by DuckDB, read back whole and compared row by row,
        stored and read back again for its SHA-256, before the transaction that deletes them: the run reads
        every row three times and writes it twice, on purpose.

        ## Size

        | what | bytes per million events | ratio to Parquet |
        |---|---|---|
        | Parquet (zstd) | %,.0f | 1.0 |
        | PostgreSQL tables (shipments, addresses, statuses, event keys, events) | %,.0f | %.1f |
        | PostgreSQL tables and their indexes | %,.0f | %.1f |

        ## Reading an archived shipment

        `GET /api/v1/shipments/{trackingNumber}` for shipments drawn at random, one request at a time, after 20
        requests of warm-up, except for the first read of each file from S3 (milliseconds, through the API with
        its key check).

        | from | reads | p50 | p99 | max |
        |---|---|---|---|---|
        %s
        Not measured here: the growth scenario with archiving on (the production tables staying the same size
        while a year of data flows through), and ingest and reads during a run.
        """
            .formatted(
                command.isBlank() ? "(shipments=200000 reads=1000)" : command,
                Instant.now().truncatedTo(ChronoUnit.SECONDS),
                run.shipments(),
                loaded,
                run.shipments(),
                run.events(),
                run.files(),
                run.seconds(),
                run.shipments() / run.seconds(),
                eventsPerSecond,
                copy,
                eventsPerSecond / copy,
                run.rastroCpuMicros() / run.events(),
                run.postgresCpuMicros() / run.events(),
                run.bytes() * perMillion,
                before.tableBytes() * perMillion,
                (double) before.tableBytes() / run.bytes(),
                before.totalBytes() * perMillion,
                (double) before.totalBytes() / run.bytes(),
                reads);
    Files.writeString(Path.of("BENCHMARKS-archive.md"), text);
    System.out.println(text);
  }

  private Set<String> names(String sql) throws SQLException {
    var found = new HashSet<String>();
    try (var connection = DriverManager.getConnection(url, "postgres", "");
        var result = connection.createStatement().executeQuery(sql)) {
      while (result.next()) {
        found.add(result.getString(1));
      }
    }
    return found;
  }

  private void execute(String sql) throws SQLException {
    try (var connection = DriverManager.getConnection(url, "postgres", "")) {
      connection.createStatement().execute(sql);
    }
  }
}
