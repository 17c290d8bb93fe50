package io.rastro.analytics.duckdb;

import io.rastro.analytics.AnalyticsStore;
import java.nio.file.Path;
import java.sql.SQLException;
import java.util.function.Function;

/** Opens the embedded engine's file outside Rastro, for the benchmark's raw queries. */
public final class DuckDbStores {

  private DuckDbStores() {}

  /**
   * Does {@code work} with the store of this file, as Rastro opens it, then closes it. No other
   * process may hold the file meanwhile: DuckDB lets one process open it.
   */
  public static <R> R with(
      Path file, String memoryLimit, int threads, Function<AnalyticsStore, R> work)
      throws SQLException {
    try (var store = new DuckDbStore(file, memoryLimit, threads)) {
      return work.apply(store);
    }
  }
}
