package io.rastro.analytics;

import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import org.jspecify.annotations.Nullable;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Which engine answers the analytics, and where it keeps its data.
 *
 * @param enabled whether this instance loads and answers the analytics; with several instances and
 *     the embedded engine, enable it on one (they share the engine's cursor)
 * @param engine {@code duckdb} (the default: a file under the data directory, nothing to run) or
 *     {@code clickhouse} (a ClickHouse server, reached over its HTTP interface)
 * @param duckdb the embedded engine's settings
 * @param clickhouse the server engine's settings
 */
@ConfigurationProperties("rastro.analytics")
public record AnalyticsProperties(
    @DefaultValue("true") boolean enabled,
    @DefaultValue("duckdb") Engine engine,
    @DefaultValue DuckDb duckdb,
    @DefaultValue ClickHouse clickhouse) {

  /** The engines. */
  public enum Engine {
    DUCKDB,
    CLICKHOUSE
  }

  /**
   * The embedded engine.
   *
   * @param file its database file; by default {@code analytics.duckdb} in the data directory
   *     ({@code rastro.data-dir})
   * @param memoryLimit the most memory DuckDB may take, in its own notation ({@code 1GB})
   * @param threads the threads DuckDB may run a query on
   */
  public record DuckDb(
      @Nullable Path file,
      @DefaultValue("1GB") String memoryLimit,
      @DefaultValue("2") int threads) {}

  /**
   * The server engine.
   *
   * @param url the base URL of its HTTP interface
   * @param database the database Rastro's tables live in; made at start if missing
   * @param user the user Rastro signs in as
   * @param password that user's password
   * @param batchInterval the least time between two inserts: events that come meanwhile wait for
   *     the next one, so that a trickle of events does not make a part per event (ClickHouse
   *     refuses inserts when a partition has too many parts)
   * @param paceBelowRows a batch of fewer rows than this waits for {@code batchInterval}; a bigger
   *     one goes at once, so that under load the inserts follow the events as fast as ClickHouse
   *     takes them instead of one batch per interval
   */
  public record ClickHouse(
      @DefaultValue("http://127.0.0.1:8123") URI url,
      @DefaultValue("rastro") String database,
      @DefaultValue("default") String user,
      @DefaultValue("") String password,
      @DefaultValue("1s") Duration batchInterval,
      @DefaultValue("100") int paceBelowRows) {

    public ClickHouse {
      if (batchInterval.isNegative()) {
        throw new IllegalArgumentException(
            "rastro.analytics.clickhouse.batch-interval must not be negative: " + batchInterval);
      }
      if (paceBelowRows < 0) {
        throw new IllegalArgumentException(
            "rastro.analytics.clickhouse.pace-below-rows must not be negative: " + paceBelowRows);
      }
    }
  }
}
