package io.rastro.analytics;

import java.util.List;

/**
 * The port to an analytics engine: loads rows idempotently and answers SQL. The report SQL is
 * shared; what the engines spell differently is the {@link Dialect}.
 */
public interface AnalyticsStore {

  /** The engine's name, which names its outbox cursor ({@code analytics-<name>}). */
  String name();

  /** How this engine spells what the report SQL needs. */
  Dialect dialect();

  /**
   * Adds these rows, skipping any it holds already: shipments by tracking number, events by their
   * outbox position. A batch may come again after a crash or a rolled-back cursor move.
   */
  void load(List<ShipmentRow> shipments, List<EventRow> events);

  /** Runs a query and returns its rows. */
  Table query(String sql);

  /**
   * Runs a query and returns its result as a Parquet file.
   *
   * @throws UnsupportedOperationException where the engine cannot write Parquet
   */
  byte[] parquet(String sql);

  /** The name of the outbox cursor of the consumer that loads this engine. */
  default String cursorName() {
    return "analytics-" + name();
  }
}
