package io.rastro.platform.embedded;

import java.nio.file.Path;
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
 */
@ConfigurationProperties("rastro")
record EmbeddedDatabaseProperties(
    @DefaultValue("./rastro-data") Path dataDir, @DefaultValue("0") int embeddedPostgresPort) {}
