package io.rastro.analytics.duckdb;

import io.rastro.analytics.AnalyticsStore;
import io.rastro.analytics.Dialect;
import io.rastro.analytics.EventRow;
import io.rastro.analytics.ShipmentRow;
import io.rastro.analytics.Table;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Types;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;
import org.duckdb.DuckDBConnection;
import org.jspecify.annotations.Nullable;

/**
 * DuckDB in one file: one connection writes (the loader is the only writer, one batch at a time),
 * and every query reads through a duplicate of it, which shares the database and sees what is
 * committed. A primary key on each table makes a repeated row a no-op ({@code ON CONFLICT DO
 * NOTHING}).
 */
final class DuckDbStore implements AnalyticsStore, AutoCloseable {

  private static final String SCHEMA =
      """
      CREATE TABLE IF NOT EXISTS shipments (
          tracking_number VARCHAR PRIMARY KEY, position BIGINT NOT NULL,
          customer_id VARCHAR NOT NULL, carrier_code VARCHAR NOT NULL,
          origin_city VARCHAR NOT NULL, origin_country VARCHAR NOT NULL,
          destination_city VARCHAR NOT NULL, destination_country VARCHAR NOT NULL,
          promised_day INTEGER, created_at BIGINT NOT NULL);
      CREATE TABLE IF NOT EXISTS tracking_events (
          position BIGINT PRIMARY KEY, tracking_number VARCHAR NOT NULL, event_id VARCHAR NOT NULL,
          status VARCHAR NOT NULL, reason VARCHAR NOT NULL, city VARCHAR NOT NULL,
          country VARCHAR NOT NULL, occurred_at BIGINT NOT NULL, received_at BIGINT NOT NULL);
      """;

  private final DuckDBConnection writer;
  private final Dialect dialect = new DuckDbDialect();

  DuckDbStore(Path file, String memoryLimit, int threads) {
    try {
      Files.createDirectories(file.toAbsolutePath().getParent());
      var settings = new Properties();
      settings.setProperty("memory_limit", memoryLimit);
      settings.setProperty("threads", String.valueOf(threads));
      writer =
          (DuckDBConnection)
              DriverManager.getConnection("jdbc:duckdb:" + file.toAbsolutePath(), settings);
      try (var statement = writer.createStatement()) {
        statement.execute(SCHEMA);
      }
      writer.setAutoCommit(false);
    } catch (SQLException e) {
      throw new IllegalStateException("Cannot open the analytics database " + file, e);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  @Override
  public String name() {
    return "duckdb";
  }

  @Override
  public Dialect dialect() {
    return dialect;
  }

  @Override
  public synchronized void load(List<ShipmentRow> shipments, List<EventRow> events) {
    try {
      insertShipments(shipments);
      insertEvents(events);
      writer.commit();
    } catch (SQLException e) {
      try {
        writer.rollback();
      } catch (SQLException suppressed) {
        e.addSuppressed(suppressed);
      }
      throw new IllegalStateException("Could not load the analytics database", e);
    }
  }

  private void insertShipments(List<ShipmentRow> rows) throws SQLException {
    if (rows.isEmpty()) {
      return;
    }
    try (var insert =
        writer.prepareStatement(
            "INSERT INTO shipments VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?) ON CONFLICT DO NOTHING")) {
      for (var row : rows) {
        insert.setString(1, row.trackingNumber());
        insert.setLong(2, row.position());
        insert.setString(3, row.customerId());
        insert.setString(4, row.carrierCode());
        insert.setString(5, row.originCity());
        insert.setString(6, row.originCountry());
        insert.setString(7, row.destinationCity());
        insert.setString(8, row.destinationCountry());
        if (row.promisedDay() == null) {
          insert.setNull(9, Types.INTEGER);
        } else {
          insert.setInt(9, row.promisedDay());
        }
        insert.setLong(10, row.createdAt());
        insert.addBatch();
      }
      insert.executeBatch();
    }
  }

  private void insertEvents(List<EventRow> rows) throws SQLException {
    if (rows.isEmpty()) {
      return;
    }
    try (var insert =
        writer.prepareStatement(
            "INSERT INTO tracking_events VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?) ON CONFLICT DO NOTHING")) {
      for (var row : rows) {
        insert.setLong(1, row.position());
        insert.setString(2, row.trackingNumber());
        insert.setString(3, row.eventId());
        insert.setString(4, row.status());
        insert.setString(5, row.reason());
        insert.setString(6, row.city());
        insert.setString(7, row.country());
        insert.setLong(8, row.occurredAt());
        insert.setLong(9, row.receivedAt());
        insert.addBatch();
      }
      insert.executeBatch();
    }
  }

  @Override
  public Table query(String sql) {
    try (var connection = reader();
        var statement = connection.createStatement();
        var result = statement.executeQuery(sql)) {
      return table(result);
    } catch (SQLException e) {
      throw new IllegalStateException("Analytics query failed: " + e.getMessage(), e);
    }
  }

  @Override
  public byte[] parquet(String sql) {
    try {
      var file = Files.createTempFile("rastro-analytics-", ".parquet");
      try (var connection = reader();
          var statement = connection.createStatement()) {
        statement.execute(
            "COPY (%s) TO '%s' (FORMAT parquet)"
                .formatted(sql, file.toString().replace("'", "''")));
        return Files.readAllBytes(file);
      } finally {
        Files.deleteIfExists(file);
      }
    } catch (SQLException e) {
      throw new IllegalStateException("Analytics query failed: " + e.getMessage(), e);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private Connection reader() throws SQLException {
    return writer.duplicate();
  }

  private static Table table(ResultSet result) throws SQLException {
    var meta = result.getMetaData();
    var columns = new ArrayList<String>();
    for (int i = 1; i <= meta.getColumnCount(); i++) {
      columns.add(meta.getColumnLabel(i));
    }
    var rows = new ArrayList<List<@Nullable Object>>();
    while (result.next()) {
      var row = new ArrayList<@Nullable Object>(columns.size());
      for (int i = 1; i <= columns.size(); i++) {
        row.add(value(result.getObject(i)));
      }
      rows.add(row);
    }
    return new Table(columns, rows);
  }

  /** Integers as {@link Long} (DuckDB sums into 128 bits), fractions as {@link Double}. */
  private static @Nullable Object value(@Nullable Object value) {
    return switch (value) {
      case null -> null;
      case BigInteger big -> big.longValueExact();
      case BigDecimal decimal -> decimal.doubleValue();
      case Float f -> f.doubleValue();
      case Double d -> d;
      case Number number -> number.longValue();
      default -> value.toString();
    };
  }

  @Override
  public synchronized void close() throws SQLException {
    writer.close();
  }
}
