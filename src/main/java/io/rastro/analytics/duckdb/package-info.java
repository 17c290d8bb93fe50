/** The embedded engine: DuckDB in one file under the data directory. */
@NullMarked
package io.rastro.analytics.duckdb;

import org.jspecify.annotations.NullMarked;
