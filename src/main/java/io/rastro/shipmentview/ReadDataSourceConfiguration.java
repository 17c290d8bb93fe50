package io.rastro.shipmentview;

import com.zaxxer.hikari.HikariDataSource;
import com.zaxxer.hikari.metrics.micrometer.MicrometerMetricsTrackerFactory;
import io.micrometer.core.instrument.MeterRegistry;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.concurrent.ScheduledFuture;
import javax.sql.DataSource;
import org.jspecify.annotations.Nullable;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.context.SmartLifecycle;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.scheduling.TaskScheduler;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * The queries' own connection pools: to the same database as the primary one (the embedded
 * PostgreSQL or {@code spring.datasource}), so that a burst of writes cannot take every connection
 * from them, and to each streaming replica in {@code rastro.query.replicas}; all with a statement
 * timeout, so that a slow read answers {@code 503} instead of holding a connection. They are one
 * {@link ReadRouting}, which is not a default candidate: Flyway, the write side and the outbox keep
 * the primary pool, and inject this one only by its qualifier, {@link #READS}.
 */
@Configuration(proxyBeanMethods = false)
public class ReadDataSourceConfiguration {

  /** The qualifier of the queries' {@link DataSource}. */
  public static final String READS = "reads";

  @Bean(defaultCandidate = false)
  @Qualifier(READS)
  ReadRouting readDataSource(
      DataSource primary,
      ReadModelProperties properties,
      QueryProperties query,
      MeterRegistry meters)
      throws SQLException {
    var template = primary.unwrap(HikariDataSource.class);
    var reads = pool(template, "rastro-reads", properties, meters);
    var replicas = new ArrayList<ReadRouting.Target>();
    for (int i = 0; i < query.replicas().size(); i++) {
      var replica = pool(template, "rastro-replica-" + (i + 1), properties, meters);
      replica.setJdbcUrl(query.replicas().get(i).strip());
      // A replica down at start-up is no reason not to start: reads go elsewhere until it answers.
      replica.setInitializationFailTimeout(-1);
      replica.setConnectionTimeout(250);
      replicas.add(new ReadRouting.Target("replica-" + (i + 1), replica, true, meters));
    }
    return new ReadRouting(new ReadRouting.Target("primary", reads, false, meters), replicas);
  }

  /** A read pool with the primary pool's database, credentials and driver settings. */
  private static HikariDataSource pool(
      HikariDataSource template,
      String name,
      ReadModelProperties properties,
      MeterRegistry meters) {
    var pool = new HikariDataSource();
    template.copyStateTo(pool);
    pool.setPoolName(name);
    pool.setMaximumPoolSize(properties.poolSize());
    pool.setMinimumIdle(Math.min(2, properties.poolSize()));
    pool.setReadOnly(true);
    var timeout = properties.statementTimeout().toMillis();
    pool.setConnectionInitSql("set statement_timeout = " + timeout);
    // A read waits for a connection no longer than it may run: past that it is refused, not queued.
    pool.setConnectionTimeout(timeout > 0 ? Math.max(250, timeout) : 30_000);
    pool.setMetricsTrackerFactory(new MicrometerMetricsTrackerFactory(meters));
    return pool;
  }

  /** Checks the replicas every {@code rastro.query.health-check-interval}, when there are any. */
  @Bean
  SmartLifecycle replicaChecks(
      @Qualifier(READS) ReadRouting routing, QueryProperties query, TaskScheduler scheduler) {
    return new SmartLifecycle() {
      private @Nullable ScheduledFuture<?> checks;

      @Override
      public void start() {
        if (!query.replicas().isEmpty()) {
          checks = scheduler.scheduleWithFixedDelay(routing::check, query.healthCheckInterval());
        }
      }

      @Override
      public void stop() {
        if (checks != null) {
          checks.cancel(false);
          checks = null;
        }
      }

      @Override
      public boolean isRunning() {
        return checks != null;
      }
    };
  }

  /** Keeps each request's reads in one place (see {@link ReadRouting#request}). */
  @Bean
  OncePerRequestFilter readPinning(@Qualifier(READS) ReadRouting routing) {
    return new OncePerRequestFilter() {
      @Override
      protected void doFilterInternal(
          HttpServletRequest request, HttpServletResponse response, FilterChain chain)
          throws ServletException, IOException {
        var reads = routing.request();
        try {
          chain.doFilter(request, response);
        } finally {
          reads.close();
        }
      }
    };
  }
}
