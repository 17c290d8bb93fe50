package io.rastro.analytics.clickhouse;

import io.rastro.analytics.AnalyticsEnabled;
import io.rastro.analytics.AnalyticsProperties;
import io.rastro.analytics.AnalyticsStore;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import tools.jackson.databind.json.JsonMapper;

/** The server engine: {@code rastro.analytics.engine=clickhouse}. */
@Configuration(proxyBeanMethods = false)
@AnalyticsEnabled
@ConditionalOnProperty(name = "rastro.analytics.engine", havingValue = "clickhouse")
class ClickHouseConfiguration {

  @Bean
  AnalyticsStore clickHouseStore(AnalyticsProperties properties, JsonMapper json) {
    return new ClickHouseStore(properties.clickhouse(), json);
  }
}
