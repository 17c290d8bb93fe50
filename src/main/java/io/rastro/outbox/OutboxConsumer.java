package io.rastro.outbox;

import java.util.List;

/**
 * Something that consumes the domain events in order, such as a projection. It registers as a bean;
 * the relay (or, with the RabbitMQ bus, its subscription) hands it every event once, typed, in the
 * transaction that advances its cursor, so that what it writes in the same database is applied
 * exactly once.
 */
public interface OutboxConsumer {

  /** The name of its cursor, as in {@code outbox_cursors}. */
  String name();

  /** Applies a batch of events, in relay order. */
  void apply(List<PublishedEvent> events);
}
