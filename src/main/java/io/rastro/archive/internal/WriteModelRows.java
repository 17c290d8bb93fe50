package io.rastro.archive.internal;

import static io.rastro.platform.SqlArrays.column;

import io.rastro.archive.ArchivedShipment;
import io.rastro.shipment.ShipmentAddress;
import io.rastro.shipment.Shipments;
import io.rastro.tracking.TrackingStatus;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.UUID;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/**
 * The write model's rows of whole shipments, as the archive takes them out and puts them back:
 * {@code shipments} with its two {@code addresses}, {@code shipment_status}, {@code
 * tracking_events} and {@code tracking_event_keys}.
 */
@Repository
class WriteModelRows {

  private final JdbcClient jdbc;
  private final Shipments shipments;

  WriteModelRows(JdbcClient jdbc, Shipments shipments) {
    this.jdbc = jdbc;
    this.shipments = shipments;
  }

  /** Shipments due for the archive, of one creation month. */
  record Due(LocalDate month, List<Long> shipmentIds) {}

  /**
   * Up to {@code limit} shipments whose last activity (their creation, their events' {@code
   * receivedAt}) lies before the cutoff, the oldest first by key (which follows creation), leaving
   * out those given; grouped by creation month, oldest first. Taking them by key lets the scan stop
   * once it has found enough, instead of weighing every due shipment to find the oldest month.
   */
  List<Due> due(Instant cutoff, int limit, Collection<Long> leftOut) {
    var byMonth = new TreeMap<LocalDate, List<Long>>();
    jdbc.sql(
            """
            select s.id, (date_trunc('month', s.created_at, 'UTC') at time zone 'UTC')::date as month
            from shipments s
            where s.created_at < ? and s.id <> all (?)
              and not exists (select 1 from tracking_events e
                              where e.shipment_id = s.id and e.received_at >= ?)
            order by s.id
            limit ?
            """)
        .params(Timestamp.from(cutoff), leftOut.toArray(Long[]::new), Timestamp.from(cutoff), limit)
        .query(
            rs -> {
              byMonth
                  .computeIfAbsent(rs.getObject("month", LocalDate.class), m -> new ArrayList<>())
                  .add(rs.getLong("id"));
            });
    return byMonth.entrySet().stream().map(e -> new Due(e.getKey(), e.getValue())).toList();
  }

  /** These shipments, whole, in tracking-number order. */
  List<ArchivedShipment> read(List<Long> shipmentIds) {
    var ids = shipmentIds.toArray(Long[]::new);
    var events = new HashMap<Long, List<ArchivedShipment.Event>>();
    jdbc.sql(
            """
            select shipment_id, event_id, status::text as status, reason, occurred_at, received_at,
                   location_name, city, country, lat, lon, description
            from tracking_events where shipment_id = any (?)
            order by shipment_id, tracking_event_rank(occurred_at, status, event_id)
            """)
        .param(ids)
        .query(
            rs -> {
              events
                  .computeIfAbsent(rs.getLong("shipment_id"), id -> new ArrayList<>())
                  .add(event(rs));
            });
    return jdbc.sql(
            """
            select s.id, s.tracking_number, s.customer_id, c.name as customer_name,
                   c.email as customer_email, s.reference, s.carrier_code, ca.name as carrier_name,
                   s.service, s.weight_kg, s.promised_delivery_date, s.created_at,
                   coalesce(st.status::text, 'PENDING') as status,
                   o.line1 as o_line1, o.city as o_city, o.postal_code as o_postal_code,
                   o.country as o_country, o.lat as o_lat, o.lon as o_lon,
                   d.line1 as d_line1, d.city as d_city, d.postal_code as d_postal_code,
                   d.country as d_country, d.lat as d_lat, d.lon as d_lon
            from shipments s
            join customers c on c.id = s.customer_id
            join addresses o on o.id = s.origin_address_id
            join addresses d on d.id = s.destination_address_id
            left join carriers ca on ca.code = s.carrier_code
            left join shipment_status st on st.shipment_id = s.id
            where s.id = any (?)
            order by s.tracking_number collate "C"
            """)
        .param(ids)
        .query(
            (rs, n) ->
                new ArchivedShipment(
                    rs.getString("tracking_number"),
                    rs.getLong("id"),
                    rs.getObject("customer_id", UUID.class),
                    rs.getString("customer_name"),
                    rs.getString("customer_email"),
                    rs.getString("reference"),
                    rs.getString("carrier_code"),
                    rs.getString("carrier_name"),
                    rs.getString("service"),
                    rs.getBigDecimal("weight_kg"),
                    rs.getObject("promised_delivery_date", LocalDate.class),
                    address(rs, "o_"),
                    address(rs, "d_"),
                    rs.getTimestamp("created_at").toInstant(),
                    rs.getString("status"),
                    events.getOrDefault(rs.getLong("id"), List.of())))
        .list();
  }

  private static ArchivedShipment.Event event(ResultSet rs) throws SQLException {
    return new ArchivedShipment.Event(
        rs.getString("event_id"),
        TrackingStatus.valueOf(rs.getString("status")),
        rs.getString("reason"),
        rs.getTimestamp("occurred_at").toInstant(),
        rs.getTimestamp("received_at").toInstant(),
        rs.getString("location_name"),
        rs.getString("city"),
        rs.getString("country"),
        rs.getObject("lat", Double.class),
        rs.getObject("lon", Double.class),
        rs.getString("description"));
  }

  private static ShipmentAddress address(ResultSet rs, String prefix) throws SQLException {
    return new ShipmentAddress(
        rs.getString(prefix + "line1"),
        rs.getString(prefix + "city"),
        rs.getString(prefix + "postal_code"),
        rs.getString(prefix + "country"),
        rs.getObject(prefix + "lat", Double.class),
        rs.getObject(prefix + "lon", Double.class));
  }

  /**
   * Locks these shipments against new events until the transaction ends (an event's key refers to
   * its shipment's row), and returns how many events each has now: only those still there.
   */
  Map<Long, Integer> lockAndCount(List<Long> shipmentIds) {
    var ids = shipmentIds.toArray(Long[]::new);
    var counts = new HashMap<Long, Integer>();
    jdbc.sql("select id from shipments where id = any (?) order by id for update")
        .param(ids)
        .query(Long.class)
        .list()
        .forEach(id -> counts.put(id, 0));
    jdbc.sql(
            "select shipment_id, count(*)::int from tracking_event_keys where shipment_id = any (?)"
                + " group by shipment_id")
        .param(ids)
        .query(
            rs -> {
              counts.put(rs.getLong(1), rs.getInt(2));
            });
    return counts;
  }

  /**
   * Deletes these shipments and everything of theirs from the write model.
   *
   * @return the bytes their rows took in the tables (without indexes)
   */
  long delete(List<Long> shipmentIds) {
    var ids = shipmentIds.toArray(Long[]::new);
    var bytes =
        jdbc.sql(
                """
                with ids as (select unnest(?::bigint[]) as id)
                select coalesce((select sum(pg_column_size(e.*)) from tracking_events e
                                 where shipment_id in (select id from ids)), 0)
                     + coalesce((select sum(pg_column_size(k.*)) from tracking_event_keys k
                                 where shipment_id in (select id from ids)), 0)
                     + coalesce((select sum(pg_column_size(t.*)) from shipment_status t
                                 where shipment_id in (select id from ids)), 0)
                     + coalesce((select sum(pg_column_size(s.*)) from shipments s
                                 where id in (select id from ids)), 0)
                     + coalesce((select sum(pg_column_size(a.*)) from shipments s join addresses a
                                 on a.id in (s.origin_address_id, s.destination_address_id)
                                 where s.id in (select id from ids)), 0)
                """)
            .param(ids)
            .query(Long.class)
            .single();
    jdbc.sql("delete from tracking_event_keys where shipment_id = any (?)").param(ids).update();
    jdbc.sql("delete from tracking_events where shipment_id = any (?)").param(ids).update();
    jdbc.sql("delete from shipment_status where shipment_id = any (?)").param(ids).update();
    jdbc.sql(
            """
            with gone as (delete from shipments where id = any (?)
                          returning origin_address_id, destination_address_id)
            delete from addresses where id in (select origin_address_id from gone
                                               union all select destination_address_id from gone)
            """)
        .param(ids)
        .update();
    return bytes;
  }

  /**
   * Puts archived shipments back, whole and under their own keys. Their customers and carriers are
   * never archived, so they are still there.
   */
  void insert(List<ArchivedShipment> shipments) {
    shipments.forEach(s -> this.shipments.putBack(s.created().shipment(), s.shipmentId()));
    var rows = new ArrayList<Row>();
    shipments.forEach(s -> s.events().forEach(e -> rows.add(new Row(s.shipmentId(), e))));
    if (rows.isEmpty()) {
      return;
    }
    jdbc.sql(
            "select count(ensure_tracking_events_partition(m)) from"
                + " (select distinct date_trunc('month', unnest(?::timestamptz[]), 'UTC') m) months")
        .param(column(rows, r -> r.event().occurredAt()))
        .query(Long.class)
        .single();
    jdbc.sql(
            """
            with incoming as (
                select * from unnest(?::bigint[], ?::timestamptz[], ?::text[], ?::tracking_status[],
                    ?::text[], ?::timestamptz[], ?::text[], ?::text[], ?::text[], ?::float8[],
                    ?::float8[], ?::text[])
                    as i(shipment_id, occurred_at, event_id, status, reason, received_at,
                         location_name, city, country, lat, lon, description)),
            keys as (
                insert into tracking_event_keys (shipment_id, event_id, occurred_at)
                select shipment_id, event_id, occurred_at from incoming),
            latest as (
                insert into shipment_status (shipment_id, occurred_at, status, event_id)
                select distinct on (shipment_id) shipment_id, occurred_at, status, event_id
                from incoming
                order by shipment_id, tracking_event_rank(occurred_at, status, event_id) desc)
            insert into tracking_events (shipment_id, occurred_at, event_id, status, reason,
                received_at, location_name, city, country, lat, lon, description)
            select * from incoming
            """)
        .params(
            rows.stream().map(Row::shipmentId).toArray(Long[]::new),
            column(rows, r -> r.event().occurredAt()),
            column(rows, r -> r.event().eventId()),
            column(rows, r -> r.event().status().name()),
            column(rows, r -> r.event().reason()),
            column(rows, r -> r.event().receivedAt()),
            column(rows, r -> r.event().locationName()),
            column(rows, r -> r.event().city()),
            column(rows, r -> r.event().country()),
            column(rows, r -> r.event().lat()),
            column(rows, r -> r.event().lon()),
            column(rows, r -> r.event().description()))
        .update();
  }

  private record Row(long shipmentId, ArchivedShipment.Event event) {}
}
