package io.rastro.bench;

import io.rastro.support.Api;
import io.rastro.support.Fixtures;
import io.rastro.support.RastroProcess;
import io.rastro.support.Reliability;
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
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.LockSupport;

/**
 * The growth scenario with archiving on (issue 19): data flows through Rastro for a while, with
 * archiving off and then on, each on a Rastro and embedded PostgreSQL of its own, and the size of
 * the production tables is sampled as it goes. Time is compressed: the seed's three years before a
 * shipment leaves PostgreSQL are {@code window} here (a minute by default), and a run archives
 * every 15 seconds, so that many windows of data flow through in minutes. Every {@code tick}
 * seconds a generation of shipments is created through the API and then gets its whole history
 * (about five events each, in batches of 500, with the traffic's 5 % retries and 5 % late events),
 * after which it is never touched again, as a delivered parcel is not. Run with {@code bench/run
 * archive-growth [minutes=8] [window=PT1M] [shipments=1000]}; writes {@code
 * BENCHMARKS-archive-growth.md}.
 */
final class ArchiveGrowthScenario {

  private static final Duration TICK = Duration.ofSeconds(10);
  private static final String EVERY_15_SECONDS = "*/15 * * * * *";

  private final int minutes;
  private final String window;
  private final int shipmentsPerTick;
  private final String command;

  private ArchiveGrowthScenario(int minutes, String window, int shipmentsPerTick, String command) {
    this.minutes = minutes;
    this.window = window;
    this.shipmentsPerTick = shipmentsPerTick;
    this.command = command;
  }

  /** Runs the scenario; {@code args} are those after {@code archive-growth} on the command line. */
  static void run(List<String> args) throws Exception {
    int minutes = 8;
    var window = "PT1M";
    int shipments = 1000;
    for (var arg : args) {
      if (arg.startsWith("minutes=")) {
        minutes = Integer.parseInt(arg.substring("minutes=".length()));
      } else if (arg.startsWith("window=")) {
        window = arg.substring("window=".length());
      } else if (arg.startsWith("shipments=")) {
        shipments = Integer.parseInt(arg.substring("shipments=".length()));
      } else if (!arg.isBlank()) {
        throw new IllegalArgumentException("Unknown option " + arg);
      }
    }
    new ArchiveGrowthScenario(minutes, window, shipments, String.join(" ", args)).measure();
  }

  /** What the database held at one moment of a flow. */
  record Sample(
      double seconds,
      long writtenEvents,
      long shipments,
      long archived,
      long writeModelBytes,
      long databaseBytes) {}

  /** One flow of data, with archiving off or on. */
  record Flow(
      String name,
      List<Sample> samples,
      double seconds,
      long sentEvents,
      long failedBatches,
      double rastroCpuMicros,
      double postgresCpuMicros) {

    Sample last() {
      return samples.getLast();
    }

    double cpuMicrosPerEvent() {
      return (rastroCpuMicros + postgresCpuMicros) / last().writtenEvents();
    }
  }

  private void measure() throws Exception {
    var off = flow("archiving off", "-");
    var on = flow("archiving on", EVERY_15_SECONDS);
    write(off, on);
  }

  private Flow flow(String name, String schedule) throws Exception {
    var dataDir = Path.of(TestDatabase.freshDirectory());
    var port = RastroProcess.freePort();
    var url = "jdbc:postgresql://localhost:" + port + "/postgres";
    var properties = new HashMap<>(RastroProcess.ownDatabase(dataDir, port));
    properties.put("logging.level.root", "warn");
    properties.put("rastro.archive.after", window);
    properties.put("rastro.archive.schedule", schedule);
    System.out.println("== " + name);
    try (var rastro = RastroProcess.start("bench-archive-growth", properties);
        var senders = Executors.newFixedThreadPool(8, Thread.ofVirtual().factory())) {
      var api = rastro.api();
      var customer = new Fixtures(api).customer();
      var samples = new ArrayList<Sample>();
      var sent = new AtomicLong();
      var failed = new AtomicLong();
      var postmaster = Profile.postmaster(url);
      var cpuBefore = Profile.cpuTicks();
      var started = System.nanoTime();
      var end = started + Duration.ofMinutes(minutes).toNanos();
      long generation = 0;
      while (System.nanoTime() < end) {
        var tickStarted = System.nanoTime();
        var numbers = Collections.synchronizedList(new ArrayList<String>());
        var created = new ArrayList<java.util.concurrent.Future<?>>();
        for (int i = 0; i < shipmentsPerTick; i++) {
          created.add(senders.submit(() -> numbers.add(new Fixtures(api).shipment(customer))));
        }
        for (var future : created) {
          future.get();
        }
        Reliability.awaitDrained(api);
        var traffic =
            new Traffic(List.copyOf(numbers), new Traffic.Profile(0.05, 0.05, 0), ++generation);
        var batches = new ArrayList<java.util.concurrent.Future<?>>();
        for (int i = 0; i < shipmentsPerTick * 5 / 500; i++) {
          batches.add(
              senders.submit(
                  () -> {
                    if (Harness.sendBatch(api, traffic, 500) == 202) {
                      sent.addAndGet(500);
                    } else {
                      failed.incrementAndGet();
                    }
                  }));
        }
        for (var future : batches) {
          future.get();
        }
        Reliability.awaitDrained(api);
        samples.add(sample(api, url, (System.nanoTime() - started) / 1e9));
        System.out.println(name + ": " + samples.getLast());
        var rest = TICK.toNanos() - (System.nanoTime() - tickStarted);
        if (rest > 0) {
          LockSupport.parkNanos(rest);
        }
      }
      var seconds = (System.nanoTime() - started) / 1e9;
      var cpuAfter = Profile.cpuTicks();
      var pids = new HashSet<>(Profile.family(cpuBefore, postmaster));
      pids.addAll(Profile.family(cpuAfter, postmaster));
      return new Flow(
          name,
          samples,
          seconds,
          sent.get(),
          failed.get(),
          Profile.cpuMicros(cpuBefore, cpuAfter, java.util.Set.of(rastro.pid())),
          Profile.cpuMicros(cpuBefore, cpuAfter, pids));
    }
  }

  private static Sample sample(Api api, String url, double seconds) throws SQLException {
    var written = (long) Metrics.read(api).writtenEvents();
    try (var connection = DriverManager.getConnection(url, "postgres", "");
        var statement = connection.createStatement();
        var result =
            statement.executeQuery(
                """
                select (select count(*) from shipments), (select count(*) from archived_shipments),
                       (select sum(pg_total_relation_size(c.oid)) from pg_class c
                        where c.relkind = 'r' and (c.relname in ('shipments', 'addresses',
                            'shipment_status', 'tracking_event_keys')
                            or c.relname like 'tracking_events_%')),
                       pg_database_size(current_database())
                """)) {
      result.next();
      return new Sample(
          seconds,
          written,
          result.getLong(1),
          result.getLong(2),
          result.getLong(3),
          result.getLong(4));
    }
  }

  private void write(Flow off, Flow on) throws IOException {
    var rows = new StringBuilder();
    var each = Math.max(1, (int) Math.round(60.0 / TICK.toSeconds()));
    for (int i = each - 1; i < Math.max(off.samples().size(), on.samples().size()); i += each) {
      rows.append(
          "| %s | %s | %s |%n"
              .formatted(
                  i < off.samples().size() ? "%.0f".formatted(off.samples().get(i).seconds()) : "",
                  cells(off, i),
                  cells(on, i)));
    }
    var text =
        """
        # Growth with archiving on

        `bench/run archive-growth %s` on this machine (2 cores, 24 GiB), %s. The same flow of data twice,
        each on a Rastro and an embedded PostgreSQL of its own: first with archiving off, then on. Every %d s
        a generation of %,d shipments is created through the API and gets its whole history (about five
        events each, in batches of 500, with 5 %% retries and 5 %% late events), and is never touched again.
        Time is compressed: a shipment leaves PostgreSQL once its last activity is `%s` old
        (`rastro.archive.after`; three years in production), and an archive run starts every 15 s
        (`rastro.archive.schedule`; nightly in production). So %d minutes pass %.0f windows of data through.

        ## Cost

        | what | archiving off | archiving on | on / off |
        |---|---|---|---|
        | tracking events written | %,d | %,d | |
        | events written per second | %,.0f | %,.0f | %.2f |
        | batches refused | %,d | %,d | |
        | CPU per event, Rastro | %.1f µs | %.1f µs | %.2f |
        | CPU per event, PostgreSQL | %.1f µs | %.1f µs | %.2f |
        | CPU per event, both | %.1f µs | %.1f µs | %.2f |
        | shipments in PostgreSQL at the end | %,d | %,d | %.2f |
        | shipments archived | %,d | %,d | |
        | write-model tables and indexes at the end | %,.1f MB | %,.1f MB | %.2f |
        | whole database at the end | %,.1f MB | %,.1f MB | %.2f |

        The CPU with archiving on includes the archive runs themselves (reading, writing Parquet, checking,
        deleting). The write-model tables are `shipments`, `addresses`, `shipment_status`,
        `tracking_event_keys` and every partition of `tracking_events`; the whole database adds the queue,
        the outbox, the projection and the archive's index.

        ## Size as the data flows (every minute)

        Shipments in PostgreSQL, write-model MB, database MB; with archiving on, also shipments archived.

        | s | off: shipments, write MB, db MB | on: shipments, write MB, db MB, archived |
        |---|---|---|
        %s
        With archiving off the tables grow with every generation; with it on, once the first window has
        passed, each run takes out about what came in, so PostgreSQL holds about a window and a run's
        interval of shipments and its tables stop growing (deleted rows leave room that autovacuum hands
        back to new rows, not to the disk).
        """
            .formatted(
                command.isBlank() ? "(minutes=8 window=PT1M shipments=1000)" : command,
                Instant.now().truncatedTo(ChronoUnit.SECONDS),
                TICK.toSeconds(),
                shipmentsPerTick,
                window,
                minutes,
                minutes * 60.0 / Duration.parse(window).toSeconds(),
                off.last().writtenEvents(),
                on.last().writtenEvents(),
                off.last().writtenEvents() / off.seconds(),
                on.last().writtenEvents() / on.seconds(),
                (on.last().writtenEvents() / on.seconds())
                    / (off.last().writtenEvents() / off.seconds()),
                off.failedBatches(),
                on.failedBatches(),
                off.rastroCpuMicros() / off.last().writtenEvents(),
                on.rastroCpuMicros() / on.last().writtenEvents(),
                (on.rastroCpuMicros() / on.last().writtenEvents())
                    / (off.rastroCpuMicros() / off.last().writtenEvents()),
                off.postgresCpuMicros() / off.last().writtenEvents(),
                on.postgresCpuMicros() / on.last().writtenEvents(),
                (on.postgresCpuMicros() / on.last().writtenEvents())
                    / (off.postgresCpuMicros() / off.last().writtenEvents()),
                off.cpuMicrosPerEvent(),
                on.cpuMicrosPerEvent(),
                on.cpuMicrosPerEvent() / off.cpuMicrosPerEvent(),
                off.last().shipments(),
                on.last().shipments(),
                (double) on.last().shipments() / off.last().shipments(),
                off.last().archived(),
                on.last().archived(),
                off.last().writeModelBytes() / 1e6,
                on.last().writeModelBytes() / 1e6,
                (double) on.last().writeModelBytes() / off.last().writeModelBytes(),
                off.last().databaseBytes() / 1e6,
                on.last().databaseBytes() / 1e6,
                (double) on.last().databaseBytes() / off.last().databaseBytes(),
                rows);
    Files.writeString(Path.of("BENCHMARKS-archive-growth.md"), text);
    System.out.println(text);
  }

  private static String cells(Flow flow, int i) {
    if (i >= flow.samples().size()) {
      return "";
    }
    var s = flow.samples().get(i);
    var cells =
        "%,d, %.1f, %.1f"
            .formatted(s.shipments(), s.writeModelBytes() / 1e6, s.databaseBytes() / 1e6);
    return flow.name().endsWith("on") ? cells + ", %,d".formatted(s.archived()) : cells;
  }
}
