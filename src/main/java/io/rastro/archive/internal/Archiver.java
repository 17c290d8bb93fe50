package io.rastro.archive.internal;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.rastro.archive.ArchiveProperties;
import io.rastro.archive.ArchivedShipment;
import io.rastro.archive.ShipmentArchived;
import io.rastro.outbox.Outbox;
import io.rastro.platform.ConflictException;
import io.rastro.platform.ServiceUnavailableException;
import jakarta.annotation.PreDestroy;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Duration;
import java.time.format.DateTimeFormatter;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.atomic.AtomicBoolean;
import javax.sql.DataSource;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;
import tools.jackson.databind.json.JsonMapper;

/**
 * Archive runs: at most one at a time across every Rastro on the database (a session advisory lock,
 * which a crash lets go of). A run takes the due shipments a creation month at a time, up to {@code
 * shipments-per-file} at once, and for each such set: reads it from the write model, writes it to a
 * Parquet file, reads the file back and compares it with what it read, records the file, stores it
 * (which reads it back from the store and checks its SHA-256), and then, in one transaction, locks
 * the shipments, checks that no event came meanwhile, deletes their rows, indexes them and
 * publishes {@link ShipmentArchived} for each. A crash at any step leaves each shipment either in
 * PostgreSQL or in a verified file, and the next run deletes the files of the step that stopped.
 */
@Component
class Archiver {

  private static final Logger log = LoggerFactory.getLogger(Archiver.class);
  private static final long LOCK = 0x7261737472_6172L; // "rastro" "ar"
  private static final DateTimeFormatter MONTH = DateTimeFormatter.ofPattern("yyyy-MM");

  private final DataSource dataSource;
  private final TransactionTemplate transaction;
  private final WriteModelRows rows;
  private final ArchiveLedger ledger;
  private final ParquetFiles parquet;
  private final ArchiveStore store;
  private final Outbox outbox;
  private final ArchiveProperties properties;
  private final JsonMapper json;
  private final Clock clock;
  private final Path work;
  private final AtomicBoolean stopping = new AtomicBoolean();
  private final Counter archivedShipments;
  private final Counter archivedEvents;
  private volatile @Nullable Thread running;

  Archiver(
      DataSource dataSource,
      TransactionTemplate transaction,
      WriteModelRows rows,
      ArchiveLedger ledger,
      ParquetFiles parquet,
      ArchiveStore store,
      Outbox outbox,
      ArchiveProperties properties,
      JsonMapper json,
      Clock clock,
      MeterRegistry meters,
      @Value("${rastro.data-dir:./rastro-data}") Path dataDir) {
    this.dataSource = dataSource;
    this.transaction = transaction;
    this.rows = rows;
    this.ledger = ledger;
    this.parquet = parquet;
    this.store = store;
    this.outbox = outbox;
    this.properties = properties;
    this.json = json;
    this.clock = clock;
    this.work = dataDir.resolve("archive-work").toAbsolutePath();
    this.archivedShipments =
        Counter.builder("rastro.archive.shipments")
            .description("Shipments moved from PostgreSQL to the archive")
            .register(meters);
    this.archivedEvents =
        Counter.builder("rastro.archive.events")
            .description("Tracking events moved from PostgreSQL to the archive")
            .register(meters);
  }

  /**
   * Starts a run in the background and returns it.
   *
   * @throws ConflictException when a run is under way, here or in another Rastro
   */
  ArchiveLedger.Run start() {
    Connection lock;
    try {
      lock = dataSource.getConnection();
    } catch (SQLException e) {
      throw new ServiceUnavailableException(
          "Cannot start an archive run: the database is out of reach", Duration.ofSeconds(5), e);
    }
    try {
      lock.setAutoCommit(true);
      boolean taken;
      try (var statement = lock.prepareStatement("select pg_try_advisory_lock(?)")) {
        statement.setLong(1, LOCK);
        try (var result = statement.executeQuery()) {
          taken = result.next() && result.getBoolean(1);
        }
      }
      if (!taken) {
        close(lock);
        var under = ledger.latestRuns(1).stream().findFirst();
        throw new ConflictException(
            under
                .filter(run -> run.status().equals("running"))
                .map(
                    run ->
                        "Archive run %d is under way since %s".formatted(run.id(), run.startedAt()))
                .orElse("An archive run is under way"));
      }
    } catch (SQLException e) {
      close(lock);
      throw new ServiceUnavailableException(
          "Cannot start an archive run: the database is out of reach", Duration.ofSeconds(5), e);
    }
    try {
      var now = clock.instant();
      var run = ledger.start(now, properties.cutoff(now));
      running =
          Thread.ofVirtual().name("archive-run-" + run.id()).start(() -> runHolding(run, lock));
      return run;
    } catch (RuntimeException e) {
      release(lock);
      throw e;
    }
  }

  private void runHolding(ArchiveLedger.Run run, Connection lock) {
    String error = null;
    try {
      forgetUnverifiedFiles();
      archiveDue(run, lock);
      writeManifest(run.id());
    } catch (RuntimeException e) {
      error = e.getMessage() == null ? e.toString() : e.getMessage();
      log.error("Archive run {} stopped: {}", run.id(), error, e);
    } finally {
      try {
        ledger.finish(run.id(), clock.instant(), error);
      } finally {
        release(lock);
        running = null;
      }
    }
  }

  /** Files that a stopped run stored (or may have) but never verified: their rows never left. */
  private void forgetUnverifiedFiles() {
    for (var key : ledger.unverified()) {
      store.delete(key);
      ledger.forget(key);
      log.info("Deleted the archive file {}, which a stopped run left unverified", key);
    }
  }

  private void archiveDue(ArchiveLedger.Run run, Connection lock) {
    Set<Long> changed = new HashSet<>();
    var sequence = 0;
    while (!stopping.get()) {
      var due = rows.due(run.cutoff(), properties.shipmentsPerFile(), changed);
      if (due.isEmpty()) {
        return;
      }
      for (var month : due) {
        requireLock(lock);
        archive(run.id(), ++sequence, month, changed);
      }
    }
  }

  private void archive(long runId, int sequence, WriteModelRows.Due due, Set<Long> changed) {
    var started = System.nanoTime();
    var shipments = rows.read(due.shipmentIds());
    var read = System.nanoTime();
    var key = "%s/run-%d-%d.parquet".formatted(due.month().format(MONTH), runId, sequence);
    var file = write(key, due, shipments);
    var written = System.nanoTime();
    try {
      transaction.executeWithoutResult(
          status -> ledger.writing(runId, file.entry(), clock.instant()));
      store.put(key, file.path(), file.entry().sha256());
    } finally {
      delete(file.path());
    }
    var stored = System.nanoTime();
    var moved =
        transaction.execute(
            status -> {
              // Only what the file holds may go, whatever else was due.
              var ids = shipments.stream().map(ArchivedShipment::shipmentId).toList();
              var counts = rows.lockAndCount(ids);
              // Events came for some since they were read, or another run took some: those stay.
              var differing =
                  shipments.stream()
                      .filter(
                          s ->
                              !Integer.valueOf(s.events().size())
                                  .equals(counts.get(s.shipmentId())))
                      .map(ArchivedShipment::shipmentId)
                      .toList();
              if (!differing.isEmpty()) {
                status.setRollbackOnly();
                changed.addAll(differing);
                return false;
              }
              var now = clock.instant();
              var postgresBytes = rows.delete(ids);
              ledger.verified(runId, file.entry(), shipments, postgresBytes, now);
              outbox.add(
                  shipments.stream()
                      .map(
                          s ->
                              new ShipmentArchived(
                                  s.trackingNumber(), s.customerId(), key, s.events().size(), now))
                      .toList());
              return true;
            });
    if (Boolean.TRUE.equals(moved)) {
      archivedShipments.increment(shipments.size());
      archivedEvents.increment(file.entry().events());
      log.info(
          "Archived {} shipments ({} events) to {}: read {} ms, written and checked {} ms,"
              + " stored {} ms, deleted {} ms",
          shipments.size(),
          file.entry().events(),
          key,
          (read - started) / 1_000_000,
          (written - read) / 1_000_000,
          (stored - written) / 1_000_000,
          (System.nanoTime() - stored) / 1_000_000);
    } else {
      // Events came for some of them since they were read: they stay, and the others go next.
      store.delete(key);
      transaction.executeWithoutResult(status -> ledger.forget(key));
    }
  }

  private record Written(Path path, ArchiveLedger.File entry) {}

  /** Writes the file, reads it back, and compares every row with what the write model gave. */
  private Written write(String key, WriteModelRows.Due due, List<ArchivedShipment> shipments) {
    try {
      Files.createDirectories(work);
      var path = Files.createTempFile(work, "archive-", ".parquet");
      Files.delete(path); // DuckDB writes it anew
      parquet.write(shipments, path);
      var readBack = parquet.readAll(path);
      var expected = parquet.rowsSha256(shipments);
      var actual = parquet.rowsSha256(readBack);
      if (readBack.size() != shipments.size() || !expected.equals(actual)) {
        delete(path);
        throw new IllegalStateException(
            "The archive file %s reads back %d rows with SHA-256 %s, not %d with %s"
                .formatted(key, readBack.size(), actual, shipments.size(), expected));
      }
      var events = shipments.stream().mapToInt(s -> s.events().size()).sum();
      return new Written(
          path,
          new ArchiveLedger.File(
              key,
              due.month(),
              shipments.size(),
              events,
              Files.size(path),
              Checksums.sha256(path),
              expected));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** The run's manifest beside its files: every file, its counts and checksums. */
  private void writeManifest(long runId) {
    var files = ledger.files(runId);
    if (files.isEmpty()) {
      return;
    }
    try {
      Files.createDirectories(work);
      var path = Files.createTempFile(work, "manifest-", ".json");
      try {
        Files.write(
            path,
            json.writerWithDefaultPrettyPrinter()
                .writeValueAsBytes(Map.of("run", runId, "files", files)));
        store.put("manifests/run-%d.json".formatted(runId), path, Checksums.sha256(path));
      } finally {
        delete(path);
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** Lets a run under way stop after the file it is on, and waits a while for it. */
  @PreDestroy
  void stop() throws InterruptedException {
    stopping.set(true);
    var thread = running;
    if (thread != null) {
      thread.join(Duration.ofSeconds(30));
    }
  }

  /**
   * Stops the run if its connection lost the lock (the connection broke): another run may have
   * started, and two must not delete each other's files.
   */
  private static void requireLock(Connection lock) {
    try (var statement =
        lock.prepareStatement(
            "select exists (select 1 from pg_locks where locktype = 'advisory' and granted"
                + " and pid = pg_backend_pid() and objid = (? & 4294967295)::oid)")) {
      statement.setLong(1, LOCK);
      try (var result = statement.executeQuery()) {
        if (!result.next() || !result.getBoolean(1)) {
          throw new IllegalStateException("The run lost its lock on the database");
        }
      }
    } catch (SQLException e) {
      throw new IllegalStateException("The run lost its connection to the database", e);
    }
  }

  private static void close(Connection connection) {
    try {
      connection.close();
    } catch (SQLException e) {
      log.debug("Could not close a connection: {}", e.toString());
    }
  }

  private static void release(Connection lock) {
    try (lock) {
      try (var statement = lock.prepareStatement("select pg_advisory_unlock(?)")) {
        statement.setLong(1, LOCK);
        statement.execute();
      }
    } catch (SQLException e) {
      log.warn("Could not let go of the archive lock cleanly: {}", e.toString());
    }
  }

  private static void delete(Path path) {
    try {
      Files.deleteIfExists(path);
    } catch (IOException e) {
      log.warn("Could not delete {}: {}", path, e.toString());
    }
  }
}
