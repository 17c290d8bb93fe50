package io.rastro.analytics;

/**
 * What the engines spell differently, as SQL fragments. Everything else in the report SQL is the
 * subset both DuckDB and ClickHouse 18.16 accept: subqueries rather than CTEs, one join per {@code
 * SELECT}, joined {@code USING} one key, {@code CASE} rather than {@code if}/{@code FILTER}.
 */
public interface Dialect {

  /** Integer division, rounding down for the non-negative values the reports divide. */
  String intDiv(String dividend, long divisor);

  /**
   * The nearest-rank percentile of the non-null values of {@code expression}: the smallest value v
   * such that at least {@code level} of the values are at most v, that is the value of rank {@code
   * ceil(level * n)} in ascending order. Exact: no interpolation, so both engines return the same
   * value, and it is always one of the values.
   */
  String percentile(String expression, double level);

  /** The keyword of a left outer join that keeps every row of the left side. */
  String leftJoin();

  /** The keyword of an inner join. */
  String innerJoin();

  /** An epoch second as ISO-8601 text in UTC, {@code 2026-12-01T00:00:00Z}. */
  String isoInstant(String epochSecond);

  /**
   * The dwell pairs: for each two consecutive events of a shipment, by {@code occurred_at} then
   * {@code position}, that name the same non-empty place, the place and the seconds between them.
   *
   * @param events a subquery with the columns {@code tracking_number, place, occurred_at, position}
   * @return a subquery with the columns {@code place, gap}
   */
  String dwellPairs(String events);
}
