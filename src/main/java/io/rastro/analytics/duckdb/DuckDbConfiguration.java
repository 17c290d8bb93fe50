package io.rastro.analytics.duckdb;

import io.rastro.analytics.AnalyticsEnabled;
import io.rastro.analytics.AnalyticsProperties;
import io.rastro.analytics.AnalyticsStore;
import java.nio.file.Path;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** The embedded engine, the default: {@code rastro.analytics.engine=duckdb}. */
@Configuration(proxyBeanMethods = false)
@AnalyticsEnabled
@ConditionalOnProperty(
    name = "rastro.analytics.engine",
    havingValue = "duckdb",
    matchIfMissing = true)
class DuckDbConfiguration {

  @Bean(destroyMethod = "close")
  AnalyticsStore duckDbStore(
      AnalyticsProperties properties, @Value("${rastro.data-dir:./rastro-data}") Path dataDir) {
    var duckdb = properties.duckdb();
    var file = duckdb.file() != null ? duckdb.file() : dataDir.resolve("analytics.duckdb");
    return new DuckDbStore(file, duckdb.memoryLimit(), duckdb.threads());
  }
}
