package io.rastro.shipmentview;

import com.zaxxer.hikari.HikariDataSource;
import com.zaxxer.hikari.metrics.micrometer.MicrometerMetricsTrackerFactory;
import io.micrometer.core.instrument.MeterRegistry;
import java.sql.SQLException;
import javax.sql.DataSource;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * The queries' own connection pool, to the same database as the primary one (the embedded
 * PostgreSQL or {@code spring.datasource}), so that a burst of writes cannot take every connection
 * from them, and with a statement timeout, so that a slow read answers {@code 503} instead of
 * holding a connection. It is not a default candidate: Flyway, the write side and the outbox keep
 * the primary pool, and inject this one only by its qualifier, {@link #READS}.
 */
@Configuration(proxyBeanMethods = false)
public class ReadDataSourceConfiguration {

  /** The qualifier of the queries' {@link DataSource}. */
  public static final String READS = "reads";

  @Bean(defaultCandidate = false)
  @Qualifier(READS)
  HikariDataSource readDataSource(
      DataSource primary, ReadModelProperties properties, MeterRegistry meters)
      throws SQLException {
    var reads = new HikariDataSource();
    // The same database, credentials and driver settings as the primary pool.
    primary.unwrap(HikariDataSource.class).copyStateTo(reads);
    reads.setPoolName("rastro-reads");
    reads.setMaximumPoolSize(properties.poolSize());
    reads.setMinimumIdle(Math.min(2, properties.poolSize()));
    reads.setReadOnly(true);
    var timeout = properties.statementTimeout().toMillis();
    reads.setConnectionInitSql("set statement_timeout = " + timeout);
    // A read waits for a connection no longer than it may run: past that it is refused, not queued.
    reads.setConnectionTimeout(timeout > 0 ? Math.max(250, timeout) : 30_000);
    reads.setMetricsTrackerFactory(new MicrometerMetricsTrackerFactory(meters));
    return reads;
  }
}
