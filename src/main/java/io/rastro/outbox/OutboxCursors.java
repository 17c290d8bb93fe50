package io.rastro.outbox;

import java.sql.Timestamp;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/**
 * How far each consumer of the outbox has applied it ({@code outbox_cursors}), and the lock that
 * lets one party at a time move a consumer: the relay, the bus subscription, or a rebuild.
 */
@Repository
public class OutboxCursors {

  private static final String LOCK_KEY = "hashtext('outbox:' || ?)";

  private final JdbcClient jdbc;

  OutboxCursors(JdbcClient jdbc) {
    this.jdbc = jdbc;
  }

  /**
   * The SQL condition "outbox row {@code o} lies beyond this consumer's cursor", for a query that
   * reads the outbox in relay order ({@code order by o.txid, o.position}). The cursor is read by
   * scalar subqueries, so that the comparison is an index condition on {@code (txid, position)}: a
   * join to {@code outbox_cursors} would compare every row the outbox retains.
   *
   * @param consumer a consumer's name (lower-case letters, digits and dashes), written into the SQL
   */
  public static String beyondCursor(String consumer) {
    if (!consumer.matches("[a-z0-9-]+")) {
      throw new IllegalArgumentException("Not a consumer name: " + consumer);
    }
    return """
        (o.txid, o.position) > ((select txid from outbox_cursors where name = '%1$s'),
                                (select position from outbox_cursors where name = '%1$s'))"""
        .formatted(consumer);
  }

  /**
   * The SQL expression "the outbox holds a row beyond this consumer's cursor that meets {@code
   * condition}": one probe of the index from the cursor on, however much the outbox retains (an
   * {@code exists} would let the planner scan the whole table looking for a first row).
   */
  public static String anyBeyondCursor(String consumer, String condition) {
    return "((select 1 from outbox o where %s and (%s) order by o.txid, o.position limit 1)"
            .formatted(beyondCursor(consumer), condition)
        + " is not null)";
  }

  /**
   * Gives a consumer its cursor if it has none. A new one starts from the oldest cursor of the
   * others: a bus added later does not publish the whole retained outbox again.
   */
  public void create(String consumer) {
    jdbc.sql(
            """
            insert into outbox_cursors (name, txid, position, written_at)
            select ?, coalesce(min(txid), '0'), coalesce(min(position), 0), min(written_at)
            from (select txid, position, written_at from outbox_cursors
                  order by txid, position limit 1) oldest
            on conflict (name) do nothing
            """)
        .param(consumer)
        .update();
  }

  /** Waits for the consumer's lock, held until the caller's transaction ends. */
  public void lock(String consumer) {
    jdbc.sql("select pg_advisory_xact_lock(" + LOCK_KEY + ")")
        .param(consumer)
        .query((rs, n) -> 1)
        .single();
  }

  /** Takes the consumer's lock if free, until the caller's transaction ends. */
  boolean tryLock(String consumer) {
    return jdbc.sql("select pg_try_advisory_xact_lock(" + LOCK_KEY + ")")
        .param(consumer)
        .query(Boolean.class)
        .single();
  }

  /**
   * Moves the consumer's cursor to this event, if it is not past it already, and forgets what the
   * consumer had put aside up to there ({@code outbox_pending}).
   */
  public void advance(String consumer, long txid, long position, Timestamp writtenAt) {
    jdbc.sql(
            """
            update outbox_cursors set txid = ?::text::xid8, position = ?, written_at = ?
            where name = ? and (txid, position) < (?::text::xid8, ?)
            """)
        .params(txid, position, writtenAt, consumer, txid, position)
        .update();
    jdbc.sql(
            "delete from outbox_pending where consumer = ?"
                + " and (txid, position) <= (?::text::xid8, ?)")
        .params(consumer, txid, position)
        .update();
  }
}
