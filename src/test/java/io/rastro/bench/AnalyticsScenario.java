package io.rastro.bench;

import io.rastro.analytics.AnalyticsStore;
import io.rastro.analytics.clickhouse.ClickHouseStores;
import io.rastro.analytics.duckdb.DuckDbStores;
import io.rastro.analytics.queries.ReportQueries;
import io.rastro.support.Api;
import io.rastro.support.ClickHouseNode;
import io.rastro.support.Fixtures;
import io.rastro.support.RastroProcess;
import io.rastro.support.TestDatabase;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.concurrent.locks.LockSupport;
import java.util.function.Supplier;
import org.HdrHistogram.Histogram;
import org.jspecify.annotations.Nullable;

/**
 * Analytics, measured (issue 17): the write model filled by {@link BulkLoader#histories} with
 * growing numbers of tracking events, their domain events in the outbox; each engine's loader (the
 * application's, through its outbox cursor) takes them; then every report through Rastro's API, the
 * same SQL of the engine without Rastro ({@link ReportQueries}), and the same question of
 * PostgreSQL's write model ({@link AnalyticsBaseline}), whose figures are checked equal to the
 * API's. Run with {@code bench/run analytics}; writes {@code BENCHMARKS-analytics.md}.
 */
final class AnalyticsScenario {

  static final List<String> ENGINES = List.of("duckdb", "clickhouse");
  static final List<String> CARRIERS = List.of("SEUR", "CORREOS", "MRW", "GLS", "DHL", "UPS");
  private static final String DATABASE = "rastro_bench";
  private static final int SLICE = 200_000;

  /** Requests before the timed ones, for the JIT of Rastro's JVM and the engines' caches. */
  static final int WARM_UP = 10;

  private final AnalyticsPlan plan;
  private final AnalyticsReport report;
  private final Path dataDir = Path.of(TestDatabase.freshDirectory());
  private final int postgresPort = RastroProcess.freePort();
  private final String url = "jdbc:postgresql://localhost:" + postgresPort + "/postgres";
  private final Instant anchor = Instant.now().truncatedTo(java.time.temporal.ChronoUnit.DAYS);
  private final String from = LocalDate.ofInstant(anchor, ZoneOffset.UTC).minusDays(365).toString();
  private final String to = LocalDate.ofInstant(anchor, ZoneOffset.UTC).toString();
  private final ClickHouseNode clickhouse;
  private final Map<String, Cursor> parked = new HashMap<>();
  private @Nullable RastroProcess rastro;
  private String running = "";
  private long probesSent;

  private AnalyticsScenario(AnalyticsPlan plan, String command, ClickHouseNode clickhouse) {
    this.plan = plan;
    this.clickhouse = clickhouse;
    this.report = new AnalyticsReport(plan, command);
  }

  /** Runs the scenario; {@code args} are those after {@code analytics} on the command line. */
  static void run(List<String> args) throws Exception {
    var plan = AnalyticsPlan.of(args);
    try (var clickhouse = ClickHouseNode.start()) {
      new AnalyticsScenario(plan, String.join(" ", args), clickhouse).measure();
    }
  }

  /** Where an outbox consumer stands, in relay order. */
  record Cursor(String txid, long position, @Nullable Timestamp writtenAt) {}

  private void measure() throws Exception {
    var api = start("duckdb");
    execute(
        "insert into outbox_cursors (name, txid, position, written_at)"
            + " values ('analytics-clickhouse', '0', 0, null) on conflict (name) do nothing");
    var fixtures = new Fixtures(api);
    var customer = fixtures.customer();
    for (var code : CARRIERS) {
      api.post("/api/v1/carriers", Map.of("code", code, "name", code));
    }
    api.post("/api/v1/carriers", Map.of("code", "PROBE", "name", "Probes"));
    var probes = new ArrayList<String>();
    for (int i = 0; i < 10; i++) {
      var body = fixtures.shipmentBody(customer);
      body.put("carrierCode", "PROBE");
      probes.add(fixtures.shipment(body));
    }
    fixtures.awaitWritten();
    long shipments = 0;
    long events = 0;
    try {
      for (var target : plan.sizes()) {
        while (events < target) {
          var slice =
              (int) Math.min(SLICE, Math.ceil((target - events) / Histories.EVENTS_PER_SHIPMENT));
          var started = System.nanoTime();
          events += bulkSlice(customer, shipments, slice);
          shipments += slice;
          System.out.printf(
              "bulk: %,d shipments, %,d events (slice in %.0f s)%n",
              shipments, events, (System.nanoTime() - started) / 1e9);
        }
        var size = report.size(shipments, events);
        for (var engine : ENGINES) {
          api = start(engine);
          size.loading(engine, load(engine));
          size.lag(engine, lag(api, engine, probes));
          for (var question : ReportQueries.ALL) {
            size.api(engine, question, time(() -> answer(rastroApi(), question)));
          }
          if (engine.equals("duckdb")) {
            baseline(size);
            stop(); // DuckDB lets one process open its file
            DuckDbStores.with(
                dataDir.resolve("analytics.duckdb"),
                "1GB",
                2,
                store -> {
                  raw(size, engine, store);
                  return null;
                });
          } else {
            raw(size, engine, ClickHouseStores.of(clickhouse.uri(), DATABASE));
          }
          report.write("measured " + engine + " at " + size.label());
        }
      }
      report.write("");
    } finally {
      stop();
    }
  }

  /** One slice of the bulk load: the analytics cursors wait, the others skip it. */
  private long bulkSlice(String customer, long first, int slice) throws Exception {
    var skipped = new ArrayList<String>();
    try (var connection = connect();
        var names = connection.createStatement().executeQuery("select name from outbox_cursors")) {
      while (names.next()) {
        if (!names.getString(1).startsWith("analytics-")) {
          skipped.add(names.getString(1));
        }
      }
    }
    try (var hold = connect()) {
      // the running loader waits until its cursor is parked past the slice
      for (var engine : ENGINES) {
        lockSession(hold, engine);
      }
      var added = BulkLoader.histories(url, customer, CARRIERS, anchor, first, slice, skipped);
      for (var engine : ENGINES) {
        parked.putIfAbsent(engine, cursor(hold, engine));
        move(hold, engine, end(hold));
      }
      return added;
    }
  }

  /**
   * Lets the engine's loader take everything since its cursor was parked, and measures that: rows,
   * time, and the CPU of Rastro, its PostgreSQL and ClickHouse.
   */
  private AnalyticsReport.Loading load(String engine) throws Exception {
    var rastroPid = current().pid();
    try (var connection = connect()) {
      var end = end(connection);
      var start = parked.remove(engine);
      if (start == null) {
        throw new IllegalStateException("nothing parked for " + engine);
      }
      var rows = new HashMap<String, Long>();
      try (var count =
          connection.prepareStatement(
              """
              select type, count(*) from outbox
              where (txid, position) > (?::text::xid8, ?) and (txid, position) <= (?::text::xid8, ?)
              group by type
              """)) {
        count.setString(1, start.txid());
        count.setLong(2, start.position());
        count.setString(3, end.txid());
        count.setLong(4, end.position());
        try (var result = count.executeQuery()) {
          while (result.next()) {
            rows.put(result.getString(1), result.getLong(2));
          }
        }
      }
      var postmaster = Profile.postmaster(url);
      var before = Profile.cpuTicks();
      var started = System.nanoTime();
      connection.setAutoCommit(false);
      lockTransaction(connection, engine);
      move(connection, engine, start);
      connection.commit();
      connection.setAutoCommit(true);
      while (!reached(connection, engine, end)) {
        LockSupport.parkNanos(Duration.ofMillis(100).toNanos());
      }
      var seconds = (System.nanoTime() - started) / 1e9;
      var after = Profile.cpuTicks();
      var pids = new HashSet<>(Profile.family(before, postmaster));
      pids.addAll(Profile.family(after, postmaster));
      pids.add(rastroPid);
      var rastroOnly = Profile.cpuMicros(before, after, java.util.Set.of(rastroPid));
      var postgres = Profile.cpuMicros(before, after, pids) - rastroOnly;
      var server =
          engine.equals("clickhouse")
              ? Profile.cpuMicros(before, after, java.util.Set.of(clickhouse.pid()))
              : 0;
      var loading =
          new AnalyticsReport.Loading(
              rows.getOrDefault("TrackingEventRecorded", 0L),
              rows.values().stream().mapToLong(Long::longValue).sum(),
              seconds,
              rastroOnly,
              postgres,
              server);
      System.out.printf("%s loaded %s%n", engine, loading);
      return loading;
    }
  }

  /**
   * Events sent one at a time through the API to shipments of their own carrier, each followed by
   * the volume report of that carrier until it counts the event: the time from its write (its
   * outbox row) and from its {@code 202} to the first answer that counts it.
   */
  private AnalyticsReport.Lag lag(Api api, String engine, List<String> probes) throws Exception {
    var fromWrite = new Histogram(3_600_000_000L, 3);
    var fromAccept = new Histogram(3_600_000_000L, 3);
    var counted = probeCount(api);
    try (var connection = connect()) {
      for (int i = 0; i < plan.probes(); i++) {
        var id = "probe-" + (probesSent++);
        var accepted = System.nanoTime();
        var response =
            api.post(
                "/api/v1/shipments/" + probes.get(i % probes.size()) + "/events",
                Fixtures.event(id, "IN_TRANSIT", Instant.now().toString()));
        if (response.status() != 202) {
          throw new IllegalStateException("probe refused: " + response.raw());
        }
        var deadline = accepted + Duration.ofMinutes(2).toNanos();
        long now;
        while (true) {
          var count = probeCount(api);
          now = System.nanoTime(); // when the answer that counts it has come
          if (count > counted) {
            break;
          }
          if (now > deadline) {
            throw new IllegalStateException(engine + " never counted " + id);
          }
        }
        var seen = Instant.now();
        counted++;
        fromAccept.recordValue((now - accepted) / 1000);
        try (var written =
            connection.prepareStatement(
                "select occurred_at from (select occurred_at, data from outbox"
                    + " order by position desc limit 1000) o where data ->> 'eventId' = ?")) {
          written.setString(1, id);
          try (var row = written.executeQuery()) {
            if (row.next()) {
              var at = row.getTimestamp(1).toInstant();
              fromWrite.recordValue(Math.max(0, Duration.between(at, seen).toNanos() / 1000));
            }
          }
        }
      }
    }
    return new AnalyticsReport.Lag(fromWrite, fromAccept);
  }

  private long probeCount(Api api) {
    var answer =
        api.get(
            "/api/v1/analytics/volume?interval=day&carrierCode=PROBE&from=%s&to=%s"
                .formatted(from, LocalDate.parse(to).plusDays(1)));
    long events = 0;
    for (var row : answer.body().path("rows")) {
      events += row.path("trackingEvents").asLong();
    }
    return events;
  }

  private Api rastroApi() {
    return current().api();
  }

  private List<Map<String, @Nullable Object>> answer(Api api, ReportQueries.Report question) {
    var response = api.get(question.uri(from, to));
    if (response.status() != 200) {
      throw new IllegalStateException(question.title() + ": " + response.raw());
    }
    return Answers.of(response.body().path("rows"));
  }

  /** The same questions of PostgreSQL's write model, and whether it answers as the API did. */
  private void baseline(AnalyticsReport.Size size) throws SQLException {
    var api = rastroApi();
    try (var connection = connect()) {
      for (var question : ReportQueries.ALL) {
        var times = timeBaseline(() -> rows(connection, question));
        size.baseline(
            question, times, Answers.difference(answer(api, question), rows(connection, question)));
      }
    }
  }

  private void raw(AnalyticsReport.Size size, String engine, AnalyticsStore store) {
    for (var question : ReportQueries.ALL) {
      size.raw(engine, question, time(() -> ReportQueries.run(store, question, from, to)));
    }
  }

  private Histogram time(Supplier<?> ask) {
    return time(ask, WARM_UP, plan.repetitions());
  }

  private Histogram timeBaseline(Supplier<?> ask) {
    return time(ask, 1, plan.baselineRepetitions());
  }

  private static Histogram time(Supplier<?> ask, int warmUp, int repetitions) {
    for (int i = 0; i < warmUp; i++) {
      ask.get();
    }
    var micros = new Histogram(3_600_000_000L, 3);
    for (int i = 0; i < repetitions; i++) {
      var started = System.nanoTime();
      ask.get();
      micros.recordValue((System.nanoTime() - started) / 1000);
    }
    return micros;
  }

  private List<Map<String, @Nullable Object>> rows(
      Connection connection, ReportQueries.Report question) {
    try {
      return AnalyticsBaseline.ask(
          connection,
          question,
          Instant.parse(from + "T00:00:00Z"),
          Instant.parse(to + "T00:00:00Z").plus(Duration.ofDays(1)));
    } catch (SQLException e) {
      throw new IllegalStateException(e);
    }
  }

  /** Rastro with this engine, started if another one runs. */
  private Api start(String engine) {
    if (!running.equals(engine)) {
      stop();
      var properties = new HashMap<>(RastroProcess.ownDatabase(dataDir, postgresPort));
      properties.put("logging.level.root", "warn");
      properties.put("rastro.analytics.engine", engine);
      properties.put("rastro.analytics.clickhouse.url", clickhouse.uri().toString());
      properties.put("rastro.analytics.clickhouse.database", DATABASE);
      properties.put(
          "rastro.analytics.clickhouse.batch-interval", plan.clickHouseBatchInterval().toString());
      rastro = RastroProcess.start("bench-analytics-" + engine, properties);
      running = engine;
    }
    return current().api();
  }

  private RastroProcess current() {
    var process = rastro;
    if (process == null) {
      throw new IllegalStateException("Rastro is not running");
    }
    return process;
  }

  private void stop() {
    if (rastro != null) {
      rastro.close();
      rastro = null;
      running = "";
    }
  }

  private Connection connect() throws SQLException {
    return DriverManager.getConnection(url, "postgres", "");
  }

  private void execute(String sql) throws SQLException {
    try (var connection = connect();
        var statement = connection.createStatement()) {
      statement.execute(sql);
    }
  }

  private static void lockSession(Connection connection, String engine) throws SQLException {
    try (var lock = connection.prepareStatement("select pg_advisory_lock(hashtext(?))")) {
      lock.setString(1, "outbox:analytics-" + engine);
      lock.execute();
    }
  }

  private static void lockTransaction(Connection connection, String engine) throws SQLException {
    try (var lock = connection.prepareStatement("select pg_advisory_xact_lock(hashtext(?))")) {
      lock.setString(1, "outbox:analytics-" + engine);
      lock.execute();
    }
  }

  private static Cursor cursor(Connection connection, String engine) throws SQLException {
    try (var query =
        connection.prepareStatement(
            "select txid::text, position, written_at from outbox_cursors where name = ?")) {
      query.setString(1, "analytics-" + engine);
      try (var row = query.executeQuery()) {
        if (!row.next()) {
          throw new IllegalStateException("no cursor for " + engine);
        }
        return new Cursor(row.getString(1), row.getLong(2), row.getTimestamp(3));
      }
    }
  }

  /** The last row of the outbox, in relay order, as a cursor would stand on it. */
  private static Cursor end(Connection connection) throws SQLException {
    try (var query =
        connection
            .createStatement()
            .executeQuery(
                // o.txid, not the text column of the same name, which would put "899" last
                "select o.txid::text, o.position, o.occurred_at from outbox o"
                    + " order by o.txid desc, o.position desc limit 1")) {
      query.next();
      return new Cursor(query.getString(1), query.getLong(2), query.getTimestamp(3));
    }
  }

  private static void move(Connection connection, String engine, Cursor cursor)
      throws SQLException {
    try (var update =
        connection.prepareStatement(
            "update outbox_cursors set txid = ?::text::xid8, position = ?, written_at = ?"
                + " where name = ?")) {
      update.setString(1, cursor.txid());
      update.setLong(2, cursor.position());
      update.setTimestamp(3, cursor.writtenAt());
      update.setString(4, "analytics-" + engine);
      update.executeUpdate();
    }
  }

  private static boolean reached(Connection connection, String engine, Cursor end)
      throws SQLException {
    try (var query =
        connection.prepareStatement(
            "select (txid, position) >= (?::text::xid8, ?) from outbox_cursors where name = ?")) {
      query.setString(1, end.txid());
      query.setLong(2, end.position());
      query.setString(3, "analytics-" + engine);
      try (var row = query.executeQuery()) {
        return row.next() && row.getBoolean(1);
      }
    }
  }
}
