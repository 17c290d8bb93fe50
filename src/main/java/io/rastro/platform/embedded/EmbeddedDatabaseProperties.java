package io.rastro.platform.embedded;

import java.nio.file.Path;
import java.util.Map;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Where the embedded PostgreSQL keeps its data, used only when no {@code spring.datasource.url} is
 * set.
 *
 * @param dataDir the data directory of this Rastro instance; the database lives in its {@code
 *     postgres} sub-directory and survives restarts (env {@code RASTRO_DATA_DIR})
 * @param embeddedPostgresPort the TCP port of the embedded PostgreSQL on localhost; 0 picks a free
 *     one at each start
 * @param embeddedPostgresSettings more server settings of the embedded PostgreSQL, such as {@code
 *     rastro.embedded-postgres-settings[shared_buffers]=512MB} (brackets keep the underscores);
 *     durability settings cannot be turned off here
 */
@ConfigurationProperties("rastro")
record EmbeddedDatabaseProperties(
    @DefaultValue("./rastro-data") Path dataDir,
    @DefaultValue("0") int embeddedPostgresPort,
    Map<String, String> embeddedPostgresSettings) {

  EmbeddedDatabaseProperties {
    embeddedPostgresSettings =
        embeddedPostgresSettings == null ? Map.of() : Map.copyOf(embeddedPostgresSettings);
  }
}
