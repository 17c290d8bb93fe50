package io.rastro.analytics.duckdb;

import io.rastro.analytics.Dialect;

/** DuckDB's spelling of the report SQL. */
final class DuckDbDialect implements Dialect {

  @Override
  public String intDiv(String dividend, long divisor) {
    return "((%s) // %d)".formatted(dividend, divisor);
  }

  /** {@code quantile_disc} takes the value of rank {@code ceil(level * n)}: nearest rank. */
  @Override
  public String percentile(String expression, double level) {
    return "quantile_disc(%s, %s)".formatted(expression, level);
  }

  @Override
  public String leftJoin() {
    return "LEFT JOIN";
  }

  @Override
  public String innerJoin() {
    return "JOIN";
  }

  @Override
  public String isoInstant(String epochSecond) {
    return "strftime(make_timestamp((%s) * 1000000), '%%Y-%%m-%%dT%%H:%%M:%%SZ')"
        .formatted(epochSecond);
  }

  @Override
  public String dwellPairs(String events) {
    return """
        SELECT place, next_at - occurred_at AS gap FROM (
            SELECT place, occurred_at,
                   lead(place) OVER w AS next_place, lead(occurred_at) OVER w AS next_at
            FROM (%s)
            WINDOW w AS (PARTITION BY tracking_number ORDER BY occurred_at, position))
        WHERE place != '' AND place = next_place"""
        .formatted(events);
  }
}
