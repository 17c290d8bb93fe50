/**
 * The server engine: ClickHouse over its HTTP interface, with only the SQL and formats that its
 * oldest release here (18.16, Debian's) and current releases both accept.
 */
@NullMarked
package io.rastro.analytics.clickhouse;

import org.jspecify.annotations.NullMarked;
