package io.rastro.shipmentview.queries;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.rastro.archive.ArchiveFiles;
import io.rastro.outbox.ConsistencyToken;
import io.rastro.outbox.OutboxCursors;
import io.rastro.shipmentview.ReadDataSourceConfiguration;
import io.rastro.shipmentview.ReadModelProperties;
import io.rastro.shipmentview.ReadRouting;
import io.rastro.shipmentview.queries.ShipmentView.AddressView;
import io.rastro.shipmentview.queries.ShipmentView.CarrierRef;
import io.rastro.shipmentview.queries.ShipmentView.CustomerRef;
import io.rastro.shipmentview.queries.ShipmentView.EventView;
import java.sql.Date;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.UUID;
import org.jspecify.annotations.Nullable;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.datasource.DataSourceTransactionManager;
import org.springframework.stereotype.Repository;
import org.springframework.transaction.TransactionDefinition;
import org.springframework.transaction.support.TransactionTemplate;
import tools.jackson.core.type.TypeReference;
import tools.jackson.databind.json.JsonMapper;

/**
 * Reads the read model that {@code rastro.read-model.mode} selects: the projection ({@code
 * shipment_projection_details}) or the materialized view ({@code shipment_details}), which have the
 * same shape. Each read runs in one repeatable-read snapshot, so its {@code asOf} is exactly the
 * point its rows reflect. They use the queries' own connection pool ({@link
 * ReadDataSourceConfiguration}), whose statement timeout bounds each.
 */
@Repository
class ShipmentViews {

  private static final TypeReference<List<EventView>> EVENTS = new TypeReference<>() {};

  private final ReadRouting reads;
  private final ArchiveFiles archive;
  private final JdbcClient jdbc;
  private final TransactionTemplate snapshot;
  private final JsonMapper json;
  private final Clock clock;
  private final String relation;
  private final String archiveIndex;
  private final String asOfQuery;

  ShipmentViews(
      @Qualifier(ReadDataSourceConfiguration.READS) ReadRouting reads,
      ArchiveFiles archive,
      JsonMapper json,
      Clock clock,
      ReadModelProperties properties,
      MeterRegistry meters) {
    this.reads = reads;
    this.archive = archive;
    this.jdbc = JdbcClient.create(reads);
    this.snapshot = new TransactionTemplate(new DataSourceTransactionManager(reads));
    snapshot.setReadOnly(true);
    snapshot.setIsolationLevel(TransactionDefinition.ISOLATION_REPEATABLE_READ);
    this.json = json;
    this.clock = clock;
    Gauge.builder("rastro.read_model.lag", this, ShipmentViews::lagSeconds)
        .description("How far what queries answer is behind now (their lagMs), in either mode")
        .baseUnit("seconds")
        .register(meters);
    relation = properties.detailsRelation();
    // The projection keeps the read side's own index; the materialized view reads the write
    // model's.
    archiveIndex =
        properties.mode() == ReadModelProperties.Mode.PROJECTION
            ? "archived_shipment_views"
            : "archived_shipments";
    if (properties.mode() == ReadModelProperties.Mode.PROJECTION) {
      // Nothing left beyond the relay's cursor: every write committed before this statement's
      // snapshot is applied. Otherwise the read model stands at the last write it applied.
      asOfQuery =
          """
          select case when %1$s
                 then coalesce((select written_at from outbox_cursors
                                where name = '%2$s'), 'epoch'::timestamptz)
                 else statement_timestamp() end
          """
              .formatted(
                  OutboxCursors.anyBeyondCursor(ReadModelProperties.PROJECTION_CURSOR, "true"),
                  ReadModelProperties.PROJECTION_CURSOR);
    } else {
      asOfQuery =
          "select refreshed_at from read_model_refreshes where view_name = 'shipment_details'";
    }
  }

  private double lagSeconds() {
    try {
      return freshness().lag().toNanos() / 1e9;
    } catch (RuntimeException e) {
      return Double.NaN;
    }
  }

  /** What the read model reflects now. */
  Freshness freshness() {
    return reads.retrying(
        () ->
            Freshness.at(
                jdbc.sql(asOfQuery).query(Timestamp.class).single().toInstant(), clock.instant()));
  }

  /** Whether the read model reflects the write this token names. */
  boolean reflects(ConsistencyToken token) {
    return reads.retrying(() -> reflectsHere(token));
  }

  private boolean reflectsHere(ConsistencyToken token) {
    if (token.eventId() == null) {
      return jdbc.sql("select exists (select 1 from " + relation + " where tracking_number = ?)")
          .param(token.trackingNumber())
          .query(Boolean.class)
          .single();
    }
    return jdbc.sql(
            "select exists (select 1 from "
                + relation
                + " where tracking_number = ? and events @> ?::jsonb)")
        .params(
            token.trackingNumber(),
            json.writeValueAsString(List.of(Map.of("eventId", token.eventId()))))
        .query(Boolean.class)
        .single();
  }

  /**
   * One shipment, if the read model has it (one statement, so one snapshot, and no transaction), or
   * else the archive, where only a shipment of {@code customerScope} (when there is one) is read.
   */
  Optional<ShipmentView> detail(String trackingNumber, Optional<UUID> customerScope) {
    return reads
        .retrying(() -> detailHere(trackingNumber))
        .or(() -> archived(trackingNumber, customerScope));
  }

  /**
   * An archived shipment, read from its file, if its customer is the caller's (a shipper's key does
   * not make Rastro fetch another customer's file).
   */
  private Optional<ShipmentView> archived(String trackingNumber, Optional<UUID> customerScope) {
    return reads
        .retrying(
            () ->
                jdbc.sql(
                        "select file, customer_id from "
                            + archiveIndex
                            + " where tracking_number = ?")
                    .param(trackingNumber)
                    .query(
                        (rs, n) ->
                            Map.entry(
                                rs.getString("file"), rs.getObject("customer_id", UUID.class)))
                    .optional())
        .filter(at -> customerScope.map(at.getValue()::equals).orElse(true))
        .flatMap(at -> archive.read(at.getKey(), trackingNumber))
        .map(shipment -> ArchivedShipmentView.of(shipment, freshness()));
  }

  private Optional<ShipmentView> detailHere(String trackingNumber) {
    return jdbc.sql(
            "select d.*, ("
                + asOfQuery
                + ") as as_of from "
                + relation
                + " d where tracking_number = ?")
        .param(trackingNumber)
        .query(
            (rs, n) ->
                detail(rs, Freshness.at(rs.getTimestamp("as_of").toInstant(), clock.instant())))
        .optional();
  }

  /** A page of shipments, newest first. */
  ShipmentPage list(ShipmentFilter filter) {
    return reads.retrying(
        () -> Objects.requireNonNull(snapshot.execute(status -> listInSnapshot(filter))));
  }

  private ShipmentPage listInSnapshot(ShipmentFilter filter) {
    var freshness = freshness();
    var where = new ArrayList<String>();
    var params = new ArrayList<Object>();
    if (filter.customerId() != null) {
      where.add("customer_id = ?");
      params.add(filter.customerId());
    }
    if (filter.status() != null) {
      where.add("status = ?");
      params.add(filter.status());
    }
    if (filter.carrierCode() != null) {
      where.add("carrier_code = ?");
      params.add(filter.carrierCode());
    }
    if (filter.createdFrom() != null) {
      where.add("created_at >= ?");
      params.add(Timestamp.from(filter.createdFrom()));
    }
    if (filter.createdTo() != null) {
      where.add("created_at < ?");
      params.add(Timestamp.from(filter.createdTo()));
    }
    if (filter.after() != null) {
      where.add("(created_at, shipment_id) < (?, ?)");
      params.add(Timestamp.from(filter.after().createdAt()));
      params.add(filter.after().shipmentId());
    }
    params.add(filter.limit() + 1);
    var sql =
        "select "
            + SUMMARY_COLUMNS
            + " from "
            + relation
            + (where.isEmpty() ? "" : " where " + String.join(" and ", where))
            + " order by created_at desc, shipment_id desc limit ?";
    var rows =
        jdbc.sql(sql).params(params).query((rs, n) -> new Row(summary(rs), cursor(rs))).list();
    var more = rows.size() > filter.limit();
    var page = more ? rows.subList(0, filter.limit()) : rows;
    return new ShipmentPage(
        page.stream().map(Row::summary).toList(),
        more ? page.getLast().cursor().encode() : null,
        freshness.asOf(),
        freshness.lag().toMillis());
  }

  private record Row(ShipmentSummaryView summary, Cursor cursor) {}

  private static Cursor cursor(ResultSet rs) throws SQLException {
    return new Cursor(rs.getTimestamp("created_at").toInstant(), rs.getLong("shipment_id"));
  }

  /** What a list shows: everything but the history, which the detail shows. */
  private static final String SUMMARY_COLUMNS =
      "tracking_number, shipment_id, reference, status, customer_id, carrier_code, origin_city,"
          + " origin_country, destination_city, destination_country, created_at, last_event_at,"
          + " event_count, promised_delivery_date, delivered_at";

  private ShipmentView detail(ResultSet rs, Freshness freshness) throws SQLException {
    var carrierCode = rs.getString("carrier_code");
    var lastEvent = rs.getString("last_event");
    return new ShipmentView(
        rs.getString("tracking_number"),
        rs.getString("reference"),
        rs.getString("status"),
        new CustomerRef(rs.getObject("customer_id", UUID.class), rs.getString("customer_name")),
        carrierCode == null ? null : new CarrierRef(carrierCode, rs.getString("carrier_name")),
        rs.getString("service"),
        rs.getBigDecimal("weight_kg"),
        address(rs, "origin_"),
        address(rs, "destination_"),
        requiredInstant(rs, "created_at"),
        lastEvent == null ? null : json.readValue(lastEvent, EventView.class),
        rs.getInt("event_count"),
        json.readValue(rs.getString("events"), EVENTS),
        date(rs, "promised_delivery_date"),
        instant(rs, "delivered_at"),
        freshness.asOf(),
        freshness.lag().toMillis(),
        null);
  }

  private static ShipmentSummaryView summary(ResultSet rs) throws SQLException {
    return new ShipmentSummaryView(
        rs.getString("tracking_number"),
        rs.getString("reference"),
        rs.getString("status"),
        rs.getObject("customer_id", UUID.class),
        rs.getString("carrier_code"),
        rs.getString("origin_city"),
        rs.getString("origin_country"),
        rs.getString("destination_city"),
        rs.getString("destination_country"),
        requiredInstant(rs, "created_at"),
        instant(rs, "last_event_at"),
        rs.getInt("event_count"),
        date(rs, "promised_delivery_date"),
        instant(rs, "delivered_at"));
  }

  private static AddressView address(ResultSet rs, String prefix) throws SQLException {
    return new AddressView(
        rs.getString(prefix + "line1"),
        rs.getString(prefix + "city"),
        rs.getString(prefix + "postal_code"),
        rs.getString(prefix + "country"),
        rs.getObject(prefix + "lat", Double.class),
        rs.getObject(prefix + "lon", Double.class));
  }

  /** A column that no row of the read models has null (the projection's view leaves those out). */
  private static Instant requiredInstant(ResultSet rs, String column) throws SQLException {
    return Objects.requireNonNull(instant(rs, column), column);
  }

  private static @Nullable Instant instant(ResultSet rs, String column) throws SQLException {
    Timestamp value = rs.getTimestamp(column);
    return value == null ? null : value.toInstant();
  }

  private static @Nullable LocalDate date(ResultSet rs, String column) throws SQLException {
    Date value = rs.getDate(column);
    return value == null ? null : value.toLocalDate();
  }
}
