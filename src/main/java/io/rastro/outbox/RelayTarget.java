package io.rastro.outbox;

import java.util.List;

/**
 * Where the relay hands the outbox's rows, each target from its own cursor: the consumers
 * themselves with the embedded bus, the RabbitMQ publisher with the RabbitMQ bus.
 */
public interface RelayTarget {

  /** The name of its cursor, as in {@code outbox_cursors}. */
  String name();

  /** Takes a batch of rows, in relay order, inside the transaction that advances its cursor. */
  void relay(List<OutboxRow> rows);
}
