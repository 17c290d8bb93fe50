package io.rastro.analytics.clickhouse;

import io.rastro.analytics.Dialect;

/**
 * ClickHouse's spelling of the report SQL, in what 18.16 accepts: no window functions (the dwell
 * pairs come from sorted arrays), joins with an explicit strictness.
 */
final class ClickHouseDialect implements Dialect {

  @Override
  public String intDiv(String dividend, long divisor) {
    return "intDiv(%s, %d)".formatted(dividend, divisor);
  }

  /**
   * Nearest rank from the sorted values, as DuckDB's {@code quantile_disc}: ClickHouse's own {@code
   * quantileExact} takes rank {@code floor(level * n) + 1}, one more where {@code level * n} is
   * whole.
   */
  @Override
  public String percentile(String expression, double level) {
    return ("(CASE WHEN count(%1$s) = 0 THEN NULL ELSE"
            + " arrayElement(arraySort(groupArray(%1$s)), toUInt64(ceil(%2$s * count(%1$s)))) END)")
        .formatted(expression, level);
  }

  @Override
  public String leftJoin() {
    return "ALL LEFT JOIN";
  }

  @Override
  public String innerJoin() {
    return "ALL INNER JOIN";
  }

  @Override
  public String isoInstant(String epochSecond) {
    return "concat(replaceOne(toString(toDateTime(%s, 'UTC')), ' ', 'T'), 'Z')"
        .formatted(epochSecond);
  }

  @Override
  public String dwellPairs(String events) {
    return """
        SELECT places[i] AS place, times[i + 1] - times[i] AS gap FROM (
            SELECT arraySort((x, t, p) -> (t, p), groupArray(place), groupArray(occurred_at),
                       groupArray(position)) AS places,
                   arraySort((t, p) -> (t, p), groupArray(occurred_at), groupArray(position)) AS times
            FROM (%s)
            GROUP BY tracking_number)
        ARRAY JOIN arrayFilter(i -> places[i] != '' AND places[i] = places[i + 1],
                               arrayEnumerate(places)) AS i"""
        .formatted(events);
  }
}
