package io.rastro.outbox;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;

/**
 * One recorded event as the outbox holds it, its data still JSON.
 *
 * @param txid the id of the transaction that wrote it; events are relayed in the order of {@code
 *     (txid, position)}
 * @param position its number in the outbox (unique, not in commit order)
 * @param type the {@link EventType#name()} of the event
 * @param writtenAt when its write happened
 */
public record OutboxRow(
    long txid, long position, String type, String subject, Instant writtenAt, String data) {

  /** The columns {@link #read} reads from the outbox {@code o}. */
  public static final String COLUMNS =
      "o.position, o.txid::text::bigint as txid, o.type, o.subject, o.occurred_at,"
          + " o.data::text as data";

  /** A row of {@link #COLUMNS}. */
  public static OutboxRow read(ResultSet rs) throws SQLException {
    return new OutboxRow(
        rs.getLong("txid"),
        rs.getLong("position"),
        rs.getString("type"),
        rs.getString("subject"),
        rs.getTimestamp("occurred_at").toInstant(),
        rs.getString("data"));
  }
}
