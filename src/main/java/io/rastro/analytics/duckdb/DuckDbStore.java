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
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;
import org.duckdb.DuckDBConnection;
import org.jspecify.annotations.Nullable;

/**
 * DuckDB in one file: one connection writes (the loader is the only writer, one batch at a time),
 * and every query reads through a duplicate of it, which shares the database and sees what is
 * committed. A batch goes through the appender into the writer's temporary staging tables, then
 * into the tables in one statement each, where a primary key makes a repeated row a no-op ({@code
 * ON CONFLICT DO NOTHING}): four times the rate of multi-row inserts, and a JDBC batch (one
 * statement a row) takes a block of memory a row.
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
      CREATE TEMP TABLE staging_shipments AS SELECT * FROM shipments LIMIT 0;
      CREATE TEMP TABLE staging_events AS SELECT * FROM tracking_events LIMIT 0;
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
    try (var appender = writer.createAppender("temp", "main", "staging_shipments")) {
      for (var row : rows) {
        appender.beginRow();
        appender.append(row.trackingNumber());
        appender.append(row.position());
        appender.append(row.customerId());
        appender.append(row.carrierCode());
        appender.append(row.originCity());
        appender.append(row.originCountry());
        appender.append(row.destinationCity());
        appender.append(row.destinationCountry());
        if (row.promisedDay() == null) {
          appender.appendNull();
        } else {
          appender.append(row.promisedDay().intValue());
        }
        appender.append(row.createdAt());
        appender.endRow();
      }
    }
    move("staging_shipments", "shipments");
  }

  private void insertEvents(List<EventRow> rows) throws SQLException {
    if (rows.isEmpty()) {
      return;
    }
    try (var appender = writer.createAppender("temp", "main", "staging_events")) {
      for (var row : rows) {
        appender.beginRow();
        appender.append(row.position());
        appender.append(row.trackingNumber());
        appender.append(row.eventId());
        appender.append(row.status());
        appender.append(row.reason());
        appender.append(row.city());
        appender.append(row.country());
        appender.append(row.occurredAt());
        appender.append(row.receivedAt());
        appender.endRow();
      }
    }
    move("staging_events", "tracking_events");
  }

  /** Moves the staged rows into their table, but those whose key it holds already. */
  private void move(String staging, String table) throws SQLException {
    try (var statement = writer.createStatement()) {
      statement.execute(
          "INSERT INTO %s SELECT * FROM %s ON CONFLICT DO NOTHING".formatted(table, staging));
      statement.execute("DELETE FROM " + staging);
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
