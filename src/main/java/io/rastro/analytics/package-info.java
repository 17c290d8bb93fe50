/**
 * Analytics: the business questions (delivery performance, volume, exceptions, dwell) answered over
 * the whole history from a columnar engine fed by the domain events, never from the write model.
 * One port, {@link io.rastro.analytics.AnalyticsStore}, with an embedded engine (DuckDB, the
 * default) and a server (ClickHouse) behind it; each keeps its own outbox cursor. Nothing imports
 * this module.
 */
@NullMarked
package io.rastro.analytics;

import org.jspecify.annotations.NullMarked;
