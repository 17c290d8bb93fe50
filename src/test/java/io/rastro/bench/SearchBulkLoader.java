package io.rastro.bench;

import io.rastro.shipment.TrackingNumber;
import java.io.IOException;
import java.io.StringReader;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.UUID;
import org.postgresql.PGConnection;

/**
 * The bulk loader of the search benchmark: like {@link BulkLoader}, shipments and their events go
 * straight into the write model by {@code COPY} and set-based SQL, but realistic ones ({@link
 * SearchCorpus}: customers with Spanish and Latin-American names, references, streets, cities at
 * their coordinates, events with places), and with their domain events in the outbox, as a write
 * through the API leaves them. Rastro's own consumers then fold them into the read model and the
 * search documents, by Rastro's own code: the harness copies none of that logic. The events' JSON
 * is the published format that {@code shipment.created.v1.json} and {@code
 * tracking.recorded.v1.json} pin.
 */
final class SearchBulkLoader {

  /** The customers the shipments belong to. */
  static final int CUSTOMERS = 500;

  /** Carriers by code and name. */
  private static final List<List<String>> CARRIERS =
      List.of(
          List.of("CORREOS", "Correos Express"),
          List.of("SEUR", "SEUR"),
          List.of("OLVA", "Olva Courier"),
          List.of("ESTAFETA", "Estafeta Mexicana"));

  private SearchBulkLoader() {}

  /**
   * Adds shipments {@code from} to {@code from + count} (their references and tracking numbers
   * follow from the numbers), with one to four events each, and their domain events.
   */
  static void load(String url, long from, int count) throws SQLException, IOException {
    try (var connection = DriverManager.getConnection(url, "postgres", "")) {
      connection.setAutoCommit(false);
      execute(
          connection,
          """
          create temp table bulk (n bigint, tn text, customer int, reference text, o_line1 text,
              o_city int, d_line1 text, d_city int, hub int, events int, created_s int,
              carrier int) on commit drop;
          create temp table bulk_cities (idx int, name text, country text, postal text,
              lat float8, lon float8) on commit drop;
          create temp table bulk_customers (idx int, id uuid, name text, email text) on commit drop;
          create temp table bulk_carriers (idx int, code text, name text) on commit drop
          """);
      copy(connection, "bulk", shipments(from, count));
      copy(connection, "bulk_cities", cities());
      copy(connection, "bulk_customers", customers());
      copy(connection, "bulk_carriers", carriers());
      for (var statement : STATEMENTS) {
        execute(connection, statement);
      }
      connection.commit();
      connection.setAutoCommit(true);
      execute(connection, "analyze");
    }
  }

  private static String shipments(long from, int count) {
    var random = new Random(from * 31 + count);
    var rows = new StringBuilder(count * 120);
    var cities = SearchCorpus.CITIES.size();
    for (long n = from; n < from + count; n++) {
      var origin = random.nextInt(cities);
      var destination = random.nextInt(cities);
      row(
          rows,
          n,
          TrackingNumber.generate(random).value(),
          random.nextInt(CUSTOMERS),
          SearchCorpus.reference(n),
          SearchCorpus.street(random),
          origin,
          SearchCorpus.street(random),
          destination,
          random.nextInt(cities),
          1 + random.nextInt(4),
          random.nextInt(20 * 24 * 3600),
          random.nextInt(CARRIERS.size()));
    }
    return rows.toString();
  }

  private static String cities() {
    var rows = new StringBuilder();
    for (int i = 0; i < SearchCorpus.CITIES.size(); i++) {
      var city = SearchCorpus.CITIES.get(i);
      row(rows, i, city.name(), city.country(), city.postalCode(), city.lat(), city.lon());
    }
    return rows.toString();
  }

  /** The same customers every time: their ids follow from their numbers. */
  private static String customers() {
    var random = new Random(17);
    var rows = new StringBuilder();
    for (int i = 0; i < CUSTOMERS; i++) {
      var name = SearchCorpus.customerName(random);
      var id =
          UUID.nameUUIDFromBytes(("search-bench-customer-" + i).getBytes(StandardCharsets.UTF_8));
      row(rows, i, id, name, "pedidos" + i + "@example.com");
    }
    return rows.toString();
  }

  private static String carriers() {
    var rows = new StringBuilder();
    for (int i = 0; i < CARRIERS.size(); i++) {
      row(rows, i, CARRIERS.get(i).get(0), CARRIERS.get(i).get(1));
    }
    return rows.toString();
  }

  /** A row of {@code COPY}'s text format; none of the values holds a tab or a line break. */
  private static void row(StringBuilder rows, Object... values) {
    var fields = new ArrayList<String>();
    for (var value : values) {
      fields.add(String.valueOf(value));
    }
    rows.append(String.join("\t", fields)).append('\n');
  }

  private static void copy(Connection connection, String table, String rows)
      throws SQLException, IOException {
    connection
        .unwrap(PGConnection.class)
        .getCopyAPI()
        .copyIn("copy " + table + " from stdin", new StringReader(rows));
  }

  private static void execute(Connection connection, String sql) throws SQLException {
    try (var statement = connection.createStatement()) {
      statement.execute(sql);
    }
  }

  /** An instant as Jackson writes one: UTC, ending in {@code Z}. */
  private static final String JSON_TIME = "'YYYY-MM-DD\"T\"HH24:MI:SS.US\"Z\"'";

  private static final List<String> STATEMENTS =
      List.of(
          "insert into carriers (code, name, created_at) select code, name, now() from bulk_carriers"
              + " on conflict do nothing",
          "insert into customers (id, name, email, created_at) select id, name, email, now()"
              + " from bulk_customers on conflict do nothing",
          """
          create temp table staged on commit drop as
          select b.*, nextval(pg_get_serial_sequence('addresses', 'id')) as o_id,
                 nextval(pg_get_serial_sequence('addresses', 'id')) as d_id,
                 nextval(pg_get_serial_sequence('shipments', 'id')) as s_id,
                 date_trunc('second', now()) - interval '20 days'
                     + b.created_s * interval '1 second' as created_at
          from bulk b
          """,
          """
          insert into addresses (id, line1, city, postal_code, country, lat, lon)
          overriding system value
          select s.o_id, s.o_line1, c.name, c.postal, c.country, c.lat, c.lon
          from staged s join bulk_cities c on c.idx = s.o_city
          union all
          select s.d_id, s.d_line1, c.name, c.postal, c.country, c.lat, c.lon
          from staged s join bulk_cities c on c.idx = s.d_city
          """,
          """
          insert into shipments (id, tracking_number, customer_id, reference, carrier_code, service,
              weight_kg, origin_address_id, destination_address_id, created_at)
          overriding system value
          select s.s_id, s.tn, u.id, s.reference, r.code, 'standard', 1.5, s.o_id, s.d_id,
                 s.created_at
          from staged s join bulk_customers u on u.idx = s.customer
          join bulk_carriers r on r.idx = s.carrier
          """,
          // Information received and picked up at the origin, in transit at a hub, delivered at
          // the destination; each a few kilometres off the city's centre.
          """
          create temp table staged_events on commit drop as
          select s.s_id, s.tn, k, s.events,
                 (array['INFO_RECEIVED','PICKED_UP','IN_TRANSIT','DELIVERED'])[k]::tracking_status
                     as status,
                 s.created_at + k * interval '7 hours' as occurred_at,
                 s.created_at + k * interval '7 hours' + interval '1 minute' as received_at,
                 (array['Centro de admisión ', 'Oficina de recogida ', 'Centro de tratamiento ',
                        'Reparto '])[k] || c.name as location_name,
                 c.name as city, c.country,
                 c.lat + ((s.n * 7919 + k * 104729) % 1000 - 500) / 10000.0 as lat,
                 c.lon + ((s.n * 104729 + k * 7919) % 1000 - 500) / 10000.0 as lon,
                 (array['Envío registrado por el remitente', 'Recogido en origen',
                        'En tránsito hacia el centro de distribución',
                        'Entregado al destinatario'])[k] as description
          from staged s, generate_series(1, s.events) k,
               bulk_cities c
          where c.idx = case k when 3 then s.hub when 4 then s.d_city else s.o_city end
          """,
          """
          insert into tracking_events (shipment_id, occurred_at, event_id, status, received_at,
              location_name, city, country, lat, lon, description)
          select s_id, occurred_at, 'bulk-' || k, status, received_at, location_name, city,
                 country, lat, lon, description
          from staged_events
          """,
          """
          insert into tracking_event_keys (shipment_id, event_id, occurred_at)
          select s_id, 'bulk-' || k, occurred_at from staged_events
          """,
          """
          insert into shipment_status (shipment_id, occurred_at, status, event_id)
          select s_id, occurred_at, status, 'bulk-' || k from staged_events where k = events
          """,
          """
          insert into outbox (type, subject, data)
          select 'ShipmentCreated', s.tn, jsonb_build_object(
              'shipment', jsonb_build_object(
                  'trackingNumber', s.tn, 'customerId', u.id, 'reference', s.reference,
                  'carrierCode', r.code, 'service', 'standard', 'weightKg', 1.5,
                  'promisedDeliveryDate', null,
                  'origin', jsonb_build_object('line1', s.o_line1, 'city', o.name,
                      'postalCode', o.postal, 'country', o.country, 'lat', o.lat, 'lon', o.lon),
                  'destination', jsonb_build_object('line1', s.d_line1, 'city', d.name,
                      'postalCode', d.postal, 'country', d.country, 'lat', d.lat, 'lon', d.lon),
                  'createdAt', to_char(s.created_at at time zone 'UTC', %1$s)),
              'shipmentId', s.s_id, 'customerName', u.name, 'carrierName', r.name,
              'customerEmail', u.email)
          from staged s join bulk_customers u on u.idx = s.customer
          join bulk_carriers r on r.idx = s.carrier
          join bulk_cities o on o.idx = s.o_city join bulk_cities d on d.idx = s.d_city
          order by s.n
          """
              .formatted(JSON_TIME),
          """
          insert into outbox (type, subject, data)
          select 'TrackingEventRecorded', tn, jsonb_build_object(
              'trackingNumber', tn, 'eventId', 'bulk-' || k, 'status', status,
              'occurredAt', to_char(occurred_at at time zone 'UTC', %1$s),
              'receivedAt', to_char(received_at at time zone 'UTC', %1$s),
              'locationName', location_name, 'city', city, 'country', country,
              'lat', lat, 'lon', lon, 'description', description, 'reason', null,
              'senderCarrier', null)
          from staged_events
          order by s_id, k
          """
              .formatted(JSON_TIME));
}
