package io.rastro.platform.embedded;

import com.zaxxer.hikari.HikariDataSource;
import io.rastro.platform.EmbeddedDatabase;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.nio.file.Files;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Conditional;
import org.springframework.context.annotation.Configuration;

/**
 * With no {@code spring.datasource.url}, Rastro starts a real PostgreSQL from a Maven artifact, so
 * that one command runs it anywhere. Its data survives restarts, and it commits durably: the
 * library's defaults ({@code fsync} and {@code synchronous_commit} off) suit throw-away test
 * databases, not a system of record, so both are switched back on.
 */
@Configuration(proxyBeanMethods = false)
@Conditional(NoDatabaseConfigured.class)
class EmbeddedPostgresConfiguration {

  private static final Logger log = LoggerFactory.getLogger(EmbeddedPostgresConfiguration.class);

  @Bean(destroyMethod = "close")
  EmbeddedPostgres embeddedPostgres(EmbeddedDatabaseProperties properties) throws IOException {
    var directory = properties.dataDir().resolve("postgres").toAbsolutePath().normalize();
    Files.createDirectories(directory);
    OrphanedPostmaster.stopIfRunning(directory);
    var builder =
        EmbeddedPostgres.builder()
            .setDataDirectory(directory)
            .setCleanDataDirectory(false)
            .setPort(properties.embeddedPostgresPort())
            .setServerConfig("max_connections", "100");
    properties.embeddedPostgresSettings().forEach(builder::setServerConfig);
    var postgres =
        builder
            .setServerConfig("fsync", "on")
            .setServerConfig("synchronous_commit", "on")
            .setServerConfig("full_page_writes", "on")
            .start();
    log.info("Embedded PostgreSQL on port {} with data in {}", postgres.getPort(), directory);
    return postgres;
  }

  @Bean
  EmbeddedDatabase embeddedDatabase(EmbeddedDatabaseProperties properties) {
    return new EmbeddedDatabase(properties.dataDir().toAbsolutePath().normalize());
  }

  @Bean
  @ConfigurationProperties("spring.datasource.hikari")
  HikariDataSource dataSource(EmbeddedPostgres postgres) {
    var dataSource = new HikariDataSource();
    // Batched inserts become multi-row statements: the queue and the workers insert in batches.
    dataSource.setJdbcUrl(
        postgres.getJdbcUrl("postgres", "postgres") + "&reWriteBatchedInserts=true");
    dataSource.setUsername("postgres");
    return dataSource;
  }
}
