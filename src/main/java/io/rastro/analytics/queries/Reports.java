package io.rastro.analytics.queries;

import io.rastro.analytics.Dialect;

/**
 * The reports' SQL, one text for both engines but for what the {@link Dialect} spells. Each query
 * returns the report's final columns, named as the JSON names them ({@code transitHours.p50}
 * nests), so that JSON, CSV and Parquet carry the same figures. Instants are epoch seconds in the
 * engines; a shipment's events are found by its tracking number.
 */
final class Reports {

  /** Monday, 1970-01-05, in epoch seconds: weeks start on Mondays, as in ISO 8601. */
  private static final long FIRST_MONDAY = 4 * 86_400L;

  private static final String PLACE =
      "CASE WHEN city = '' THEN '' ELSE concat(city, ', ', country) END";

  private final Dialect dialect;

  Reports(Dialect dialect) {
    this.dialect = dialect;
  }

  /** What delivery performance is grouped by. */
  enum PerformanceGroup {
    CARRIER,
    LANE,
    DESTINATION_COUNTRY,
    WEEK
  }

  /** The buckets of the volume report. */
  enum Interval {
    HOUR(3_600),
    DAY(86_400),
    WEEK(604_800);

    final long seconds;

    Interval(long seconds) {
      this.seconds = seconds;
    }
  }

  /** What exceptions are grouped by. */
  enum ExceptionGroup {
    REASON,
    CARRIER,
    CITY
  }

  /**
   * Per group: shipments, delivered (with a {@code DELIVERED} event), delivered with a promised
   * date, delivered on time (on or before the promised date, the first {@code DELIVERED} event's
   * UTC date), their share, and transit hours (first {@code PICKED_UP} to first {@code DELIVERED})
   * at p50, p90 and p99.
   */
  String deliveryPerformance(PerformanceGroup group, Scope scope) {
    var grouping =
        switch (group) {
          case CARRIER -> "nullIf(carrier_code, '')";
          case LANE -> "concat(origin_country, '-', destination_country)";
          case DESTINATION_COUNTRY -> "destination_country";
          case WEEK -> dialect.isoInstant(bucket("created_at", Interval.WEEK));
        };
    var transit =
        "CASE WHEN delivered_at >= picked_up_at THEN delivered_at - picked_up_at ELSE NULL END";
    return """
        SELECT grp AS "group", shipments AS "shipments", delivered AS "delivered",
               with_promise AS "deliveredWithPromise", on_time AS "onTime",
               CASE WHEN with_promise = 0 THEN NULL ELSE on_time / with_promise END AS "onTimeRate",
               p50 / 3600 AS "transitHours.p50", p90 / 3600 AS "transitHours.p90",
               p99 / 3600 AS "transitHours.p99"
        FROM (
            SELECT %1$s AS grp, count(*) AS shipments,
                   sum(CASE WHEN delivered_at IS NOT NULL THEN 1 ELSE 0 END) AS delivered,
                   sum(CASE WHEN delivered_at IS NOT NULL AND promised_day IS NOT NULL
                       THEN 1 ELSE 0 END) AS with_promise,
                   sum(CASE WHEN delivered_at IS NOT NULL AND promised_day IS NOT NULL
                       AND %2$s <= promised_day THEN 1 ELSE 0 END) AS on_time,
                   %3$s AS p50, %4$s AS p90, %5$s AS p99
            FROM (SELECT tracking_number, carrier_code, origin_country, destination_country,
                         promised_day, created_at
                  FROM shipments WHERE %6$s)
            %7$s (SELECT tracking_number,
                         min(CASE WHEN status = 'PICKED_UP' THEN occurred_at ELSE NULL END)
                             AS picked_up_at,
                         min(CASE WHEN status = 'DELIVERED' THEN occurred_at ELSE NULL END)
                             AS delivered_at
                  FROM tracking_events WHERE %8$s
                  GROUP BY tracking_number)
            USING (tracking_number)
            GROUP BY grp)
        ORDER BY "group"
        """
        .formatted(
            grouping,
            dialect.intDiv("delivered_at", 86_400),
            dialect.percentile(transit, 0.5),
            dialect.percentile(transit, 0.9),
            dialect.percentile(transit, 0.99),
            scope.where(),
            dialect.leftJoin(),
            ofShipmentsIn(scope));
  }

  /**
   * Per bucket: shipments created, tracking events, deliveries ({@code DELIVERED} events) and
   * exceptions ({@code EXCEPTION} events), events by when they occurred; of the shipments in scope.
   */
  String volume(Interval interval, Scope scope) {
    return """
        SELECT %1$s AS "bucket", created AS "shipments", recorded AS "trackingEvents",
               delivered AS "deliveries", failed AS "exceptions"
        FROM (
            SELECT b, sum(c) AS created, sum(r) AS recorded, sum(d) AS delivered, sum(f) AS failed
            FROM (
                SELECT %2$s AS b, 1 AS c, 0 AS r, 0 AS d, 0 AS f FROM shipments WHERE %4$s
                UNION ALL
                SELECT %3$s AS b, 0 AS c, 1 AS r,
                       CASE WHEN status = 'DELIVERED' THEN 1 ELSE 0 END AS d,
                       CASE WHEN status = 'EXCEPTION' THEN 1 ELSE 0 END AS f
                FROM tracking_events WHERE %5$s)
            GROUP BY b)
        ORDER BY "bucket"
        """
        .formatted(
            dialect.isoInstant("b"),
            bucket("created_at", interval),
            bucket("occurred_at", interval),
            scope.where(),
            ofShipmentsIn(scope));
  }

  /** How many shipments the scope holds: the denominator of the exception shares. */
  String shipments(Scope scope) {
    return "SELECT count(*) AS shipments FROM shipments WHERE " + scope.where();
  }

  /**
   * Per group: {@code EXCEPTION}, {@code RETURNED_TO_SENDER} and {@code DELIVERY_ATTEMPTED} events,
   * the shipments with at least one of each, and those as a share of every shipment in scope.
   */
  String exceptions(ExceptionGroup group, Scope scope, long shipments) {
    var grouping =
        switch (group) {
          case REASON -> "nullIf(reason, '')";
          case CARRIER -> "nullIf(carrier_code, '')";
          case CITY -> "nullIf(" + PLACE + ", '')";
        };
    return """
        SELECT grp AS "group", exceptions AS "exceptions", returns AS "returns",
               attempts AS "failedAttempts", with_exception AS "shipmentsWithException",
               returned AS "shipmentsReturned", attempted AS "shipmentsWithFailedAttempt",
               with_exception / %4$d AS "exceptionShare", returned / %4$d AS "returnShare",
               attempted / %4$d AS "failedAttemptShare"
        FROM (
            SELECT %1$s AS grp,
                   sum(CASE WHEN status = 'EXCEPTION' THEN 1 ELSE 0 END) AS exceptions,
                   sum(CASE WHEN status = 'RETURNED_TO_SENDER' THEN 1 ELSE 0 END) AS returns,
                   sum(CASE WHEN status = 'DELIVERY_ATTEMPTED' THEN 1 ELSE 0 END) AS attempts,
                   count(DISTINCT CASE WHEN status = 'EXCEPTION' THEN tracking_number ELSE NULL END)
                       AS with_exception,
                   count(DISTINCT CASE WHEN status = 'RETURNED_TO_SENDER' THEN tracking_number
                       ELSE NULL END) AS returned,
                   count(DISTINCT CASE WHEN status = 'DELIVERY_ATTEMPTED' THEN tracking_number
                       ELSE NULL END) AS attempted
            FROM (SELECT tracking_number, status, reason, city, country FROM tracking_events
                  WHERE status IN ('EXCEPTION', 'RETURNED_TO_SENDER', 'DELIVERY_ATTEMPTED')
                    AND %2$s)
            %3$s (SELECT tracking_number, carrier_code FROM shipments WHERE %5$s)
            USING (tracking_number)
            GROUP BY grp)
        ORDER BY "group"
        """
        .formatted(
            grouping,
            ofShipmentsIn(scope),
            dialect.innerJoin(),
            Math.max(shipments, 1),
            scope.where());
  }

  /**
   * Per place (city and country): the dwell pairs (two consecutive events of a shipment at the same
   * place, see {@link Dialect#dwellPairs}) and the hours between them at p50 and p90.
   */
  String dwell(Scope scope) {
    var events =
        "SELECT tracking_number, %s AS place, occurred_at, position FROM tracking_events WHERE %s"
            .formatted(PLACE, ofShipmentsIn(scope));
    return """
        SELECT place AS "group", count(*) AS "stays",
               %1$s / 3600 AS "dwellHours.p50", %2$s / 3600 AS "dwellHours.p90"
        FROM (%3$s)
        GROUP BY place
        ORDER BY "group"
        """
        .formatted(
            dialect.percentile("gap", 0.5),
            dialect.percentile("gap", 0.9),
            dialect.dwellPairs(events));
  }

  private String bucket(String epochSecond, Interval interval) {
    return interval == Interval.WEEK
        ? "(%s * %d + %d)"
            .formatted(
                dialect.intDiv(epochSecond + " - " + FIRST_MONDAY, interval.seconds),
                interval.seconds,
                FIRST_MONDAY)
        : "(%s * %d)".formatted(dialect.intDiv(epochSecond, interval.seconds), interval.seconds);
  }

  private static String ofShipmentsIn(Scope scope) {
    return "tracking_number IN (SELECT tracking_number FROM shipments WHERE %s)"
        .formatted(scope.where());
  }
}
