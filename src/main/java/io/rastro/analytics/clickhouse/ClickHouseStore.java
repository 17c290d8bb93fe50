package io.rastro.analytics.clickhouse;

import io.rastro.analytics.AnalyticsProperties;
import io.rastro.analytics.AnalyticsStore;
import io.rastro.analytics.Dialect;
import io.rastro.analytics.EventRow;
import io.rastro.analytics.ShipmentRow;
import io.rastro.analytics.Table;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.locks.LockSupport;
import java.util.function.Function;
import java.util.stream.Collector;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import tools.jackson.databind.json.JsonMapper;

/**
 * ClickHouse tables of the MergeTree family, partitioned by month. A MergeTree table has no unique
 * key, so a batch that comes again would be counted twice: before inserting, the store asks which
 * of the batch's keys it holds (through the primary index: tracking number first) and inserts the
 * rest. That is exact because one loader at a time writes (the relay's lock on the cursor); the
 * tables are {@code ReplacingMergeTree} on the same keys besides, so that a duplicate made some
 * other way disappears at the next merge. Small batches are paced ({@code batch-interval}, for
 * batches under {@code pace-below-rows}): the events that come meanwhile make the next insert
 * bigger. A batch that is big already goes at once: pacing those capped the loader at one relay
 * batch per interval, about 1,000 events a second.
 */
final class ClickHouseStore implements AnalyticsStore {

  private final AnalyticsProperties.ClickHouse settings;
  private final ClickHouseHttp http;
  private final JsonMapper json;
  private volatile boolean schemaReady;
  private long lastLoad = System.nanoTime();
  private final Dialect dialect = new ClickHouseDialect();

  ClickHouseStore(AnalyticsProperties.ClickHouse settings, JsonMapper json) {
    this.settings = settings;
    this.json = json;
    this.http = new ClickHouseHttp(settings, settings.database(), json);
  }

  /**
   * Makes the database and tables if missing, once: on first use rather than at start, so that
   * Rastro starts while ClickHouse is down and loads once it is up.
   */
  private void ensureSchema() {
    if (schemaReady) {
      return;
    }
    new ClickHouseHttp(settings, null, json)
        .execute("CREATE DATABASE IF NOT EXISTS " + identifier(settings.database()));
    http.execute(
        """
        CREATE TABLE IF NOT EXISTS shipments (
            position Int64, tracking_number String, customer_id String, carrier_code String,
            origin_city String, origin_country String, destination_city String,
            destination_country String, promised_day Nullable(Int32), created_at Int64)
        ENGINE = ReplacingMergeTree()
        PARTITION BY toYYYYMM(toDateTime(created_at))
        ORDER BY tracking_number""");
    http.execute(
        """
        CREATE TABLE IF NOT EXISTS tracking_events (
            position Int64, tracking_number String, event_id String, status String,
            reason String, city String, country String, occurred_at Int64, received_at Int64)
        ENGINE = ReplacingMergeTree()
        PARTITION BY toYYYYMM(toDateTime(occurred_at))
        ORDER BY (tracking_number, position)""");
    schemaReady = true;
  }

  private static String identifier(String name) {
    if (!name.matches("[A-Za-z_][A-Za-z0-9_]*")) {
      throw new IllegalArgumentException("Not a ClickHouse database name: " + name);
    }
    return name;
  }

  @Override
  public String name() {
    return "clickhouse";
  }

  @Override
  public Dialect dialect() {
    return dialect;
  }

  @Override
  public void load(List<ShipmentRow> shipments, List<EventRow> events) {
    ensureSchema();
    if (shipments.size() + events.size() < settings.paceBelowRows()) {
      LockSupport.parkNanos(lastLoad + settings.batchInterval().toNanos() - System.nanoTime());
    }
    lastLoad = System.nanoTime();
    var heldShipments =
        held(
            "SELECT tracking_number FROM shipments WHERE tracking_number IN (%s)",
            shipments, ShipmentRow::trackingNumber, "");
    insert(
        "shipments", shipments.stream().filter(s -> !heldShipments.contains(s.trackingNumber())));
    var heldEvents =
        held(
            "SELECT toString(position) FROM tracking_events WHERE tracking_number IN (%s)",
            events,
            EventRow::trackingNumber,
            " AND position IN ("
                + events.stream().map(e -> String.valueOf(e.position())).collect(joining())
                + ")");
    insert(
        "tracking_events",
        events.stream().filter(e -> !heldEvents.contains(String.valueOf(e.position()))));
  }

  /** The keys of these rows the table holds already. */
  private <T> Set<String> held(
      String query, List<T> rows, Function<T, String> trackingNumber, String andAlso) {
    if (rows.isEmpty()) {
      return Set.of();
    }
    var numbers =
        rows.stream()
            .map(trackingNumber)
            .distinct()
            .map(ClickHouseHttp::literal)
            .collect(joining());
    var held = new HashSet<String>();
    for (var row : http.query(query.formatted(numbers) + andAlso).rows()) {
      held.add(Objects.toString(row.getFirst()));
    }
    return held;
  }

  private void insert(String table, Stream<? extends Record> rows) {
    var lines = rows.map(row -> json.writeValueAsString(columns(row))).toList();
    if (!lines.isEmpty()) {
      http.execute(
          "INSERT INTO " + table + " FORMAT JSONEachRow\n" + String.join("\n", lines) + "\n");
    }
  }

  /** A row as ClickHouse's columns name it. */
  private static Map<String, Object> columns(Object row) {
    var columns = new LinkedHashMap<String, Object>();
    switch (row) {
      case ShipmentRow s -> {
        columns.put("position", s.position());
        columns.put("tracking_number", s.trackingNumber());
        columns.put("customer_id", s.customerId());
        columns.put("carrier_code", s.carrierCode());
        columns.put("origin_city", s.originCity());
        columns.put("origin_country", s.originCountry());
        columns.put("destination_city", s.destinationCity());
        columns.put("destination_country", s.destinationCountry());
        columns.put("promised_day", s.promisedDay());
        columns.put("created_at", s.createdAt());
      }
      case EventRow e -> {
        columns.put("position", e.position());
        columns.put("tracking_number", e.trackingNumber());
        columns.put("event_id", e.eventId());
        columns.put("status", e.status());
        columns.put("reason", e.reason());
        columns.put("city", e.city());
        columns.put("country", e.country());
        columns.put("occurred_at", e.occurredAt());
        columns.put("received_at", e.receivedAt());
      }
      default -> throw new IllegalArgumentException("Not a row: " + row);
    }
    return columns;
  }

  private static Collector<CharSequence, ?, String> joining() {
    return Collectors.joining(", ");
  }

  @Override
  public Table query(String sql) {
    ensureSchema();
    return http.query(sql);
  }

  /** {@code FORMAT Parquet} where the server has it (19.x on); 18.16 answers "Unknown format". */
  @Override
  public byte[] parquet(String sql) {
    ensureSchema();
    try {
      return http.execute(sql + "\nFORMAT Parquet");
    } catch (ClickHouseHttp.ClickHouseException e) {
      if (Objects.requireNonNullElse(e.getMessage(), "").contains("Unknown format Parquet")) {
        throw new UnsupportedOperationException(
            "this ClickHouse server cannot write Parquet (18.16 cannot); ask for csv or json", e);
      }
      throw e;
    }
  }
}
