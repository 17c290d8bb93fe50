package io.rastro.analytics;

import io.rastro.support.ClickHouseNode;
import java.util.UUID;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.AfterAll;
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/** The contract on ClickHouse: a server of the test's own, Debian's 18.16. */
@DirtiesContext
class AnalyticsClickHouseIT extends AnalyticsContract {

  private static @Nullable ClickHouseNode clickhouse;

  @DynamicPropertySource
  static void clickhouse(DynamicPropertyRegistry registry) {
    registry.add("rastro.analytics.engine", () -> "clickhouse");
    registry.add("rastro.analytics.clickhouse.url", () -> node().uri().toString());
    registry.add(
        "rastro.analytics.clickhouse.database",
        () -> "rastro_it_" + UUID.randomUUID().toString().replace("-", ""));
  }

  private static ClickHouseNode node() {
    if (clickhouse == null) {
      clickhouse = ClickHouseNode.start();
    }
    return clickhouse;
  }

  @AfterAll
  static void stopClickHouse() {
    if (clickhouse != null) {
      clickhouse.close();
    }
  }

  /** 18.16 has no Parquet format. */
  @Override
  boolean writesParquet() {
    return false;
  }

  @Override
  String engine() {
    return "clickhouse";
  }
}
