package io.rastro.platform;

import java.nio.file.Path;

/**
 * Present as a bean when Rastro runs its own embedded PostgreSQL, rather than one configured.
 *
 * @param dataDir the instance's data directory ({@code RASTRO_DATA_DIR})
 */
public record EmbeddedDatabase(Path dataDir) {}
