package io.rastro.platform;

import java.time.Instant;
import java.util.List;

/**
 * Something that consumes the outbox in order, such as a projection. It registers as a bean; the
 * {@link OutboxRelay} hands it every recorded event once, in the transaction that advances its
 * cursor, so that what it writes in the same database is applied exactly once.
 */
public interface OutboxConsumer {

  /** The name of its cursor, as in {@code outbox_cursors}. */
  String name();

  /** Applies a batch of events, in outbox order. */
  void apply(List<Record> events);

  /**
   * One recorded event.
   *
   * @param txid the id of the transaction that wrote it; events are relayed in the order of {@code
   *     (txid, position)}
   * @param position its number in the outbox (unique, not in commit order)
   * @param writtenAt when its write happened
   */
  @SuppressWarnings("AvoidCommonTypeNames") // the outbox's own term; nobody names java.lang.Record
  record Record(
      long txid, long position, String type, String subject, Instant writtenAt, String data) {}
}
