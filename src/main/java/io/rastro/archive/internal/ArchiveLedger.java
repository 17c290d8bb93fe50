package io.rastro.archive.internal;

import static io.rastro.platform.SqlArrays.column;

import io.rastro.archive.ArchivedShipment;
import io.swagger.v3.oas.annotations.media.Schema;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.time.LocalDate;
import java.util.Collection;
import java.util.List;
import java.util.Optional;
import org.jspecify.annotations.Nullable;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/**
 * What the archive keeps in PostgreSQL: its runs ({@code archive_runs}), its files ({@code
 * archive_files}) and where each archived shipment is ({@code archived_shipments}).
 */
@Repository
class ArchiveLedger {

  private final JdbcClient jdbc;

  ArchiveLedger(JdbcClient jdbc) {
    this.jdbc = jdbc;
  }

  /** One archive run, as the admin API shows it. */
  @Schema(name = "ArchiveRun")
  record Run(
      long id,
      @Schema(allowableValues = {"running", "finished", "failed", "interrupted"}) String status,
      Instant startedAt,
      @Nullable Instant finishedAt,
      Instant cutoff,
      long shipments,
      long events,
      int files,
      long bytes,
      long postgresBytes,
      @Nullable String error) {}

  /** One stored file, as a run's manifest lists it. */
  record File(
      String key,
      LocalDate month,
      int shipments,
      int events,
      long bytes,
      String sha256,
      String rowsSha256) {}

  /** Starts a run: the ones a crash left 'running' become 'interrupted'. */
  Run start(Instant now, Instant cutoff) {
    jdbc.sql(
            "update archive_runs set status = 'interrupted', finished_at = ?,"
                + " error = 'stopped before it finished; the next run carried on'"
                + " where status = 'running'")
        .param(Timestamp.from(now))
        .update();
    var id =
        jdbc.sql("insert into archive_runs (started_at, cutoff) values (?, ?) returning id")
            .params(Timestamp.from(now), Timestamp.from(cutoff))
            .query(Long.class)
            .single();
    return run(id).orElseThrow();
  }

  Optional<Run> run(long id) {
    return jdbc.sql("select * from archive_runs where id = ?")
        .param(id)
        .query(ArchiveLedger::run)
        .optional();
  }

  List<Run> latestRuns(int limit) {
    return jdbc.sql("select * from archive_runs order by id desc limit ?")
        .param(limit)
        .query(ArchiveLedger::run)
        .list();
  }

  void finish(long id, Instant now, @Nullable String error) {
    jdbc.sql(
            "update archive_runs set status = ?, finished_at = ?, error = ?"
                + " where id = ? and status = 'running'")
        .param(error == null ? "finished" : "failed")
        .param(Timestamp.from(now))
        .param(error)
        .param(id)
        .update();
  }

  /** Records a file before it is stored, so that a crash leaves it known and deleted next time. */
  void writing(long runId, File file, Instant now) {
    jdbc.sql(
            """
            insert into archive_files (key, run_id, month, shipments, events, bytes, sha256,
                rows_sha256, created_at)
            values (?, ?, ?, ?, ?, ?, ?, ?, ?)
            """)
        .params(
            file.key(),
            runId,
            file.month(),
            file.shipments(),
            file.events(),
            file.bytes(),
            file.sha256(),
            file.rowsSha256(),
            Timestamp.from(now))
        .update();
  }

  /** Files that were recorded but never verified: a run stopped between storing and deleting. */
  List<String> unverified() {
    return jdbc.sql("select key from archive_files where status = 'writing' order by key")
        .query((rs, n) -> rs.getString(1))
        .list();
  }

  void forget(String key) {
    jdbc.sql("delete from archive_files where key = ? and status = 'writing'").param(key).update();
  }

  /** In the transaction that deletes its rows: the file holds them now, and the index says so. */
  void verified(
      long runId, File file, List<ArchivedShipment> shipments, long postgresBytes, Instant now) {
    var updated =
        jdbc.sql(
                "update archive_files set status = 'verified'"
                    + " where key = ? and run_id = ? and status = 'writing'")
            .params(file.key(), runId)
            .update();
    if (updated != 1) {
      // Another run deleted it as a stopped run's file: this run must not delete the rows.
      throw new IllegalStateException(
          "The archive file " + file.key() + " is no longer this run's");
    }
    jdbc.sql(
            """
            update archive_runs set shipments = shipments + ?, events = events + ?,
                files = files + 1, bytes = bytes + ?, postgres_bytes = postgres_bytes + ?
            where id = ?
            """)
        .params(file.shipments(), file.events(), file.bytes(), postgresBytes, runId)
        .update();
    index(file.key(), shipments, now);
  }

  /** Records where these shipments are; a shipment already recorded moves to this file. */
  void index(String file, List<ArchivedShipment> shipments, Instant now) {
    jdbc.sql(
            """
            insert into archived_shipments (tracking_number, customer_id, file, events, archived_at)
            select n, c, ?, e, ? from unnest(?::text[], ?::uuid[], ?::int[]) as u(n, c, e)
            on conflict (tracking_number) do update
                set customer_id = excluded.customer_id, file = excluded.file,
                    events = excluded.events, archived_at = excluded.archived_at
            """)
        .params(
            file,
            Timestamp.from(now),
            column(shipments, ArchivedShipment::trackingNumber),
            column(shipments, ArchivedShipment::customerId),
            column(shipments, s -> s.events().size()))
        .update();
  }

  /** The files of these archived shipments, locked until the transaction ends. */
  List<Located> locate(Collection<String> trackingNumbers) {
    return jdbc.sql(
            "select tracking_number, file from archived_shipments where tracking_number = any (?)"
                + " order by tracking_number for update")
        .param(trackingNumbers.toArray(String[]::new))
        .query((rs, n) -> new Located(rs.getString(1), rs.getString(2)))
        .list();
  }

  record Located(String trackingNumber, String file) {}

  /** The file an archived shipment is in. */
  Optional<String> file(String trackingNumber) {
    return jdbc.sql("select file from archived_shipments where tracking_number = ?")
        .param(trackingNumber)
        .query(String.class)
        .optional();
  }

  /** The files that hold shipments the archive holds now. */
  List<String> filesInUse() {
    return jdbc.sql("select distinct file from archived_shipments order by file")
        .query((rs, n) -> rs.getString(1))
        .list();
  }

  /** The shipments the index puts in this file. */
  List<String> indexedIn(String file) {
    return jdbc.sql("select tracking_number from archived_shipments where file = ?")
        .param(file)
        .query((rs, n) -> rs.getString(1))
        .list();
  }

  boolean holds(String trackingNumber) {
    return jdbc.sql("select exists (select 1 from archived_shipments where tracking_number = ?)")
        .param(trackingNumber)
        .query(Boolean.class)
        .single();
  }

  void unindex(Collection<String> trackingNumbers) {
    jdbc.sql("delete from archived_shipments where tracking_number = any (?)")
        .param(trackingNumbers.toArray(String[]::new))
        .update();
  }

  List<File> files(long runId) {
    return jdbc.sql(
            "select * from archive_files where run_id = ? and status = 'verified' order by key")
        .param(runId)
        .query(
            (rs, n) ->
                new File(
                    rs.getString("key"),
                    rs.getObject("month", LocalDate.class),
                    rs.getInt("shipments"),
                    rs.getInt("events"),
                    rs.getLong("bytes"),
                    rs.getString("sha256"),
                    rs.getString("rows_sha256")))
        .list();
  }

  /** What the archive holds now. */
  record Totals(long shipments, long events, long files, long bytes, long postgresBytes) {}

  Totals totals() {
    return jdbc.sql(
            """
            select (select count(*) from archived_shipments),
                   (select coalesce(sum(events), 0) from archived_shipments),
                   (select count(*) from archive_files where status = 'verified'),
                   (select coalesce(sum(bytes), 0) from archive_files where status = 'verified'),
                   (select coalesce(sum(postgres_bytes), 0) from archive_runs)
            """)
        .query(
            (rs, n) ->
                new Totals(
                    rs.getLong(1), rs.getLong(2), rs.getLong(3), rs.getLong(4), rs.getLong(5)))
        .single();
  }

  private static Run run(ResultSet rs, int n) throws SQLException {
    var finished = rs.getTimestamp("finished_at");
    return new Run(
        rs.getLong("id"),
        rs.getString("status"),
        rs.getTimestamp("started_at").toInstant(),
        finished == null ? null : finished.toInstant(),
        rs.getTimestamp("cutoff").toInstant(),
        rs.getLong("shipments"),
        rs.getLong("events"),
        rs.getInt("files"),
        rs.getLong("bytes"),
        rs.getLong("postgres_bytes"),
        rs.getString("error"));
  }
}
