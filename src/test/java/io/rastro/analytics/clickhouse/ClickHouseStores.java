package io.rastro.analytics.clickhouse;

import io.rastro.analytics.AnalyticsProperties;
import io.rastro.analytics.AnalyticsStore;
import java.net.URI;
import java.time.Duration;
import tools.jackson.databind.json.JsonMapper;

/** The server engine's store outside Rastro, for the benchmark's raw queries. */
public final class ClickHouseStores {

  private ClickHouseStores() {}

  /** The store Rastro would use for this server and database. */
  public static AnalyticsStore of(URI url, String database) {
    return new ClickHouseStore(
        new AnalyticsProperties.ClickHouse(
            url, database, "default", "", Duration.ofSeconds(1), 100),
        JsonMapper.builder().build());
  }
}
