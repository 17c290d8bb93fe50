package io.rastro.ingest.internal;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.rastro.ingest.IngestCommand;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/** Commands that failed every attempt, kept in PostgreSQL whatever the queue backend. */
@Repository
public class DeadLetters {

  private final JdbcClient jdbc;

  DeadLetters(JdbcClient jdbc, MeterRegistry meters) {
    this.jdbc = jdbc;
    Gauge.builder("rastro.ingest.dead_letters", this, DeadLetters::count)
        .description("Commands that failed every attempt and wait for an operator")
        .register(meters);
  }

  /** One dead letter as listed: the command's payload is shown as text. */
  public record DeadLetter(
      long id,
      String type,
      String payload,
      Instant acceptedAt,
      Instant failedAt,
      int attempts,
      String error) {}

  void add(IngestCommand command, int attempts, String error, Instant failedAt) {
    jdbc.sql(
            "insert into ingest_dead_letters (type, payload, accepted_at, failed_at, attempts, error)"
                + " values (?, ?, ?, ?, ?, ?)")
        .params(
            command.type(),
            command.payload(),
            Timestamp.from(command.acceptedAt()),
            Timestamp.from(failedAt),
            attempts,
            error)
        .update();
  }

  public List<DeadLetter> list(int limit) {
    return jdbc.sql(
            "select id, type, convert_from(payload, 'UTF8') as payload, accepted_at, failed_at,"
                + " attempts, error from ingest_dead_letters order by id limit ?")
        .param(limit)
        .query(
            (rs, n) ->
                new DeadLetter(
                    rs.getLong("id"),
                    rs.getString("type"),
                    rs.getString("payload"),
                    rs.getTimestamp("accepted_at").toInstant(),
                    rs.getTimestamp("failed_at").toInstant(),
                    rs.getInt("attempts"),
                    rs.getString("error")))
        .list();
  }

  public long count() {
    return jdbc.sql("select count(*) from ingest_dead_letters").query(Long.class).single();
  }

  /**
   * Removes a dead letter and returns its command, to be queued again; the caller's transaction.
   */
  public Optional<IngestCommand> take(long id) {
    return jdbc.sql(
            "delete from ingest_dead_letters where id = ? returning type, payload, accepted_at")
        .param(id)
        .query(
            (rs, n) ->
                new IngestCommand(
                    rs.getString("type"),
                    rs.getBytes("payload"),
                    rs.getTimestamp("accepted_at").toInstant()))
        .optional();
  }
}
