package io.rastro.bench;

import io.rastro.analytics.queries.ReportQueries;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * The baseline of the analytics benchmark: each report's question asked of the write model in
 * PostgreSQL ({@code shipments}, {@code addresses}, {@code tracking_events}) in plain SQL, as one
 * would without an analytics engine, with the write model's own indexes. Its columns and figures
 * are the API's: nearest-rank percentiles ({@code percentile_disc}), instants in whole seconds,
 * days and weeks in UTC. Both parameters are the window's ends ({@code created_at} from, to).
 */
public final class AnalyticsBaseline {

  private AnalyticsBaseline() {}

  /**
   * Asks PostgreSQL the report's question over the shipments created from {@code from} to {@code
   * to}; the rows as {@link Answers} compares them.
   */
  public static List<Map<String, @Nullable Object>> ask(
      Connection connection, ReportQueries.Report report, Instant from, Instant to)
      throws SQLException {
    try (var statement = connection.prepareStatement(sql(report))) {
      var window = new Timestamp[] {Timestamp.from(from), Timestamp.from(to)};
      var parameters = statement.getParameterMetaData().getParameterCount();
      for (int i = 0; i < parameters; i++) {
        statement.setTimestamp(i + 1, window[i % 2]);
      }
      var rows = new ArrayList<Map<String, @Nullable Object>>();
      try (var result = statement.executeQuery()) {
        var meta = result.getMetaData();
        while (result.next()) {
          var row = new LinkedHashMap<String, @Nullable Object>();
          for (int i = 1; i <= meta.getColumnCount(); i++) {
            row.put(meta.getColumnLabel(i), result.getObject(i));
          }
          rows.add(row);
        }
      }
      return rows;
    }
  }

  private static final String IN_WINDOW = "s.created_at >= ? and s.created_at < ?";

  private static final String SECONDS = "floor(extract(epoch from %s))::bigint";

  private static final String ISO =
      "to_char(to_timestamp(%s) at time zone 'UTC', 'YYYY-MM-DD\"T\"HH24:MI:SS\"Z\"')";

  private static final String PLACE =
      "case when coalesce(e.city, '') = '' then '' else e.city || ', ' || coalesce(e.country, '') end";

  private static String sql(ReportQueries.Report report) {
    return switch (report.path()) {
      case "delivery-performance" -> deliveryPerformance(report.value());
      case "volume" -> volume(report.value());
      case "exceptions" -> exceptions(report.value());
      case "dwell" -> dwell();
      default -> throw new IllegalArgumentException("No such report: " + report.path());
    };
  }

  private static String deliveryPerformance(String groupBy) {
    var created = SECONDS.formatted("s.created_at");
    var grouping =
        switch (groupBy) {
          case "carrier" -> "s.carrier_code";
          case "lane" -> "o.country || '-' || d.country";
          case "destinationCountry" -> "d.country::text";
          case "week" ->
              ISO.formatted("((%s - 345600) / 604800) * 604800 + 345600".formatted(created));
          default -> throw new IllegalArgumentException(groupBy);
        };
    return """
        select grp as "group", shipments as "shipments", delivered as "delivered",
               with_promise as "deliveredWithPromise", on_time as "onTime",
               case when with_promise = 0 then null else on_time::float8 / with_promise end
                   as "onTimeRate",
               p50 / 3600.0 as "transitHours.p50", p90 / 3600.0 as "transitHours.p90",
               p99 / 3600.0 as "transitHours.p99"
        from (
            select grp, count(*) as shipments, count(delivered_at) as delivered,
                   count(*) filter (where delivered_at is not null and promised is not null)
                       as with_promise,
                   count(*) filter (where delivered_at is not null and promised is not null
                                      and delivered_day <= promised) as on_time,
                   percentile_disc(0.5) within group (order by transit) as p50,
                   percentile_disc(0.9) within group (order by transit) as p90,
                   percentile_disc(0.99) within group (order by transit) as p99
            from (
                select %1$s as grp, s.promised_delivery_date as promised, h.delivered_at,
                       (to_timestamp(h.delivered_at) at time zone 'UTC')::date as delivered_day,
                       case when h.delivered_at >= h.picked_up_at
                            then h.delivered_at - h.picked_up_at end as transit
                from shipments s
                join addresses o on o.id = s.origin_address_id
                join addresses d on d.id = s.destination_address_id
                left join (
                    select e.shipment_id,
                           min(%2$s) filter (where e.status = 'PICKED_UP') as picked_up_at,
                           min(%2$s) filter (where e.status = 'DELIVERED') as delivered_at
                    from tracking_events e
                    where e.shipment_id in (select s.id from shipments s where %3$s)
                    group by e.shipment_id) h on h.shipment_id = s.id
                where %3$s) x
            group by grp) y
        order by 1
        """
        .formatted(grouping, SECONDS.formatted("e.occurred_at"), IN_WINDOW);
  }

  private static String volume(String interval) {
    var seconds =
        switch (interval) {
          case "hour" -> 3_600;
          case "day" -> 86_400;
          default -> throw new IllegalArgumentException("weeks start on Mondays: not here");
        };
    return """
        select %1$s as "bucket", sum(c) as "shipments", sum(r) as "trackingEvents",
               sum(d) as "deliveries", sum(f) as "exceptions"
        from (
            select %2$s / %5$d * %5$d as b, 1 as c, 0 as r, 0 as d, 0 as f
            from shipments s where %4$s
            union all
            select %3$s / %5$d * %5$d, 0, 1, (e.status = 'DELIVERED')::int,
                   (e.status = 'EXCEPTION')::int
            from tracking_events e
            where e.shipment_id in (select s.id from shipments s where %4$s)) v
        group by b
        order by b
        """
        .formatted(
            ISO.formatted("b"),
            SECONDS.formatted("s.created_at"),
            SECONDS.formatted("e.occurred_at"),
            IN_WINDOW,
            seconds);
  }

  /** The shares' denominator comes first, as the API's: the window's shipments (at least one). */
  private static String exceptions(String groupBy) {
    var grouping =
        switch (groupBy) {
          case "reason" -> "nullif(e.reason, '')";
          case "carrier" -> "s.carrier_code";
          case "city" -> "nullif(" + PLACE + ", '')";
          default -> throw new IllegalArgumentException(groupBy);
        };
    return """
        select grp as "group", exceptions as "exceptions", returns as "returns",
               attempts as "failedAttempts", with_exception as "shipmentsWithException",
               returned as "shipmentsReturned", attempted as "shipmentsWithFailedAttempt",
               with_exception::float8 / n.shipments as "exceptionShare",
               returned::float8 / n.shipments as "returnShare",
               attempted::float8 / n.shipments as "failedAttemptShare"
        from (
            select %1$s as grp,
                   count(*) filter (where e.status = 'EXCEPTION') as exceptions,
                   count(*) filter (where e.status = 'RETURNED_TO_SENDER') as returns,
                   count(*) filter (where e.status = 'DELIVERY_ATTEMPTED') as attempts,
                   count(distinct e.shipment_id) filter (where e.status = 'EXCEPTION')
                       as with_exception,
                   count(distinct e.shipment_id) filter (where e.status = 'RETURNED_TO_SENDER')
                       as returned,
                   count(distinct e.shipment_id) filter (where e.status = 'DELIVERY_ATTEMPTED')
                       as attempted
            from tracking_events e
            join shipments s on s.id = e.shipment_id
            where e.status in ('EXCEPTION', 'RETURNED_TO_SENDER', 'DELIVERY_ATTEMPTED')
              and %2$s
            group by 1) x
        cross join (select greatest(count(*), 1) as shipments from shipments s where %3$s) n
        order by 1
        """
        .formatted(grouping, IN_WINDOW, IN_WINDOW);
  }

  /** Consecutive events of a shipment at one place; no two of a shipment's share an instant. */
  private static String dwell() {
    return """
        select place as "group", count(*) as "stays",
               percentile_disc(0.5) within group (order by gap) / 3600.0 as "dwellHours.p50",
               percentile_disc(0.9) within group (order by gap) / 3600.0 as "dwellHours.p90"
        from (
            select place, lead(place) over w as next_place, lead(t) over w - t as gap
            from (
                select e.shipment_id, e.occurred_at, e.event_id, %1$s as place, %2$s as t
                from tracking_events e
                where e.shipment_id in (select s.id from shipments s where %3$s)) x
            window w as (partition by shipment_id order by occurred_at, event_id)) y
        where place <> '' and place = next_place
        group by place
        order by 1
        """
        .formatted(PLACE, SECONDS.formatted("e.occurred_at"), IN_WINDOW);
  }
}
