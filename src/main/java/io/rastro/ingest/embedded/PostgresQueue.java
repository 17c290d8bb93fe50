package io.rastro.ingest.embedded;

import io.rastro.ingest.IngestCommand;
import io.rastro.ingest.IngestQueue;
import io.rastro.platform.ServiceUnavailableException;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.dao.DataAccessException;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * The embedded queue: a PostgreSQL table. It needs no other service, a {@code 202} follows a
 * durable commit, and since a worker deletes the rows it takes in the same transaction as the
 * writes they cause, every command is applied exactly once, even across crashes. Its cost is that
 * the queue shares the database it protects: when PostgreSQL is down, nothing is accepted.
 */
@Component
@ConditionalOnProperty(
    name = "rastro.ingest.queue",
    havingValue = "embedded",
    matchIfMissing = true)
class PostgresQueue implements IngestQueue {

  private final GroupCommit groupCommit;
  private final JdbcClient jdbc;
  private final QueueSignal signal;
  private final ClaimFloor floor;

  PostgresQueue(GroupCommit groupCommit, JdbcClient jdbc, QueueSignal signal, ClaimFloor floor) {
    this.groupCommit = groupCommit;
    this.jdbc = jdbc;
    this.signal = signal;
    this.floor = floor;
  }

  /** A command as the table holds it. */
  record Row(long id, IngestCommand command) {}

  @Override
  public void enqueue(List<IngestCommand> commands) {
    try {
      groupCommit.insert(commands);
    } catch (DataAccessException | org.springframework.transaction.TransactionException e) {
      throw unavailable(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw unavailable(e);
    }
    signal.commandsArrived();
  }

  private static ServiceUnavailableException unavailable(Exception e) {
    return new ServiceUnavailableException(
        "The queue (PostgreSQL) cannot take commands now; nothing was accepted",
        Duration.ofSeconds(5),
        e);
  }

  /**
   * Takes the oldest waiting commands; the caller's transaction deletes them on commit. The scan
   * starts at the {@link ClaimFloor}, past the rows consumed before.
   */
  List<Row> claim(int limit) {
    return jdbc.sql(CLAIM).params(floor.position(), limit).query(PostgresQueue::row).list().stream()
        .sorted(Comparator.comparingLong(Row::id))
        .toList();
  }

  /** The claim, for a floor and a limit. */
  static final String CLAIM =
      """
      delete from ingest_queue where id in (
          select id from ingest_queue where id >= ? and available_at <= now()
          order by id limit ? for update skip locked)
      returning id, type, payload, accepted_at
      """;

  /** Takes one command again, if it still waits. */
  Optional<Row> claim(Row row) {
    return jdbc.sql(
            "delete from ingest_queue where id = ? returning id, type, payload, accepted_at")
        .param(row.id())
        .query(PostgresQueue::row)
        .optional();
  }

  private static Row row(ResultSet rs, int n) throws SQLException {
    return new Row(
        rs.getLong("id"),
        new IngestCommand(
            rs.getString("type"),
            rs.getBytes("payload"),
            rs.getTimestamp("accepted_at").toInstant()));
  }

  @Override
  public Depth depth() {
    return jdbc.sql(
            "select count(*), (select accepted_at from ingest_queue where id >= ? order by id"
                + " limit 1) from ingest_queue")
        .param(floor.position())
        .query(
            (rs, n) -> {
              var oldest = rs.getTimestamp(2);
              return new Depth(rs.getLong(1), oldest == null ? null : oldest.toInstant());
            })
        .single();
  }

  @Override
  public String backend() {
    return "embedded";
  }
}
