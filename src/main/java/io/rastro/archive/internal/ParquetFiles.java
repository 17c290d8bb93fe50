package io.rastro.archive.internal;

import io.rastro.archive.ArchivedShipment;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import java.util.Properties;
import org.duckdb.DuckDBConnection;
import org.jspecify.annotations.Nullable;
import org.springframework.stereotype.Component;
import tools.jackson.databind.PropertyNamingStrategies;
import tools.jackson.databind.json.JsonMapper;

/**
 * The archive's Parquet files (zstd, one row per shipment with its events nested, sorted by
 * tracking number), written and read by an in-memory DuckDB: {@link ArchivedShipment}s go in as
 * JSON lines that DuckDB reads with the file's column types, and come out as JSON that DuckDB makes
 * of a row. The one schema below serves both ways.
 */
@Component
class ParquetFiles implements AutoCloseable {

  private static final String ADDRESS =
      "STRUCT(line1 VARCHAR, city VARCHAR, postal_code VARCHAR, country VARCHAR, lat DOUBLE,"
          + " lon DOUBLE)";

  /** The file's columns and their types, as DuckDB's {@code read_json} takes them. */
  private static final String COLUMNS =
      """
      {tracking_number: 'VARCHAR', shipment_id: 'BIGINT', customer_id: 'UUID',
       customer_name: 'VARCHAR', customer_email: 'VARCHAR', reference: 'VARCHAR',
       carrier_code: 'VARCHAR', carrier_name: 'VARCHAR', service: 'VARCHAR',
       weight_kg: 'DECIMAL(12,3)', promised_delivery_date: 'DATE',
       origin: '%1$s', destination: '%1$s', created_at: 'TIMESTAMPTZ', status: 'VARCHAR',
       events: 'STRUCT(event_id VARCHAR, status VARCHAR, reason VARCHAR,
           occurred_at TIMESTAMPTZ, received_at TIMESTAMPTZ, location_name VARCHAR, city VARCHAR,
           country VARCHAR, lat DOUBLE, lon DOUBLE, description VARCHAR)[]'}"""
          .formatted(ADDRESS);

  /** A row as the JSON of an {@link ArchivedShipment}: instants spelled as ISO-8601 in UTC. */
  private static final String AS_JSON =
      """
      to_json(struct_pack(tracking_number, shipment_id, customer_id, customer_name, customer_email,
          reference, carrier_code, carrier_name, service, weight_kg, promised_delivery_date, origin,
          destination, created_at := %1$s, status,
          events := list_transform(events, e -> struct_pack(event_id := e.event_id,
              status := e.status, reason := e.reason, occurred_at := %2$s, received_at := %3$s,
              location_name := e.location_name, city := e.city, country := e.country,
              lat := e.lat, lon := e.lon, description := e.description))))"""
          .formatted(iso("created_at"), iso("e.occurred_at"), iso("e.received_at"));

  private static String iso(String column) {
    return "strftime(make_timestamp(epoch_us(%s)), '%%Y-%%m-%%dT%%H:%%M:%%S.%%fZ')"
        .formatted(column);
  }

  private final DuckDBConnection duckdb;
  private final JsonMapper json;

  ParquetFiles(JsonMapper json) {
    this.json = json.rebuild().propertyNamingStrategy(PropertyNamingStrategies.SNAKE_CASE).build();
    try {
      var settings = new Properties();
      settings.setProperty("memory_limit", "512MB");
      settings.setProperty("threads", "2");
      duckdb = (DuckDBConnection) DriverManager.getConnection("jdbc:duckdb:", settings);
    } catch (SQLException e) {
      throw new IllegalStateException("Cannot start DuckDB for the archive's files", e);
    }
  }

  /** Writes these shipments to a new Parquet file, sorted by tracking number. */
  void write(List<ArchivedShipment> shipments, Path file) {
    try {
      var lines = Files.createTempFile(file.toAbsolutePath().getParent(), "archive-", ".jsonl");
      try {
        try (var out = Files.newBufferedWriter(lines)) {
          for (var shipment : shipments) {
            out.write(json.writeValueAsString(shipment));
            out.write('\n');
          }
        }
        execute(
            "COPY (SELECT * FROM read_json(%s, format = 'newline_delimited', columns = %s)"
                    .formatted(literal(lines), COLUMNS)
                + " ORDER BY tracking_number) TO %s (FORMAT parquet, COMPRESSION zstd, ROW_GROUP_SIZE 1024)"
                    .formatted(literal(file)));
      } finally {
        Files.deleteIfExists(lines);
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** Every shipment of a file, in its order. */
  List<ArchivedShipment> readAll(Path file) {
    return query("SELECT " + AS_JSON + " FROM read_parquet(" + literal(file) + ")", null);
  }

  /** One shipment of a file, found by the row groups' statistics of its sorted tracking numbers. */
  Optional<ArchivedShipment> read(Path file, String trackingNumber) {
    return query(
            "SELECT "
                + AS_JSON
                + " FROM read_parquet("
                + literal(file)
                + ") WHERE tracking_number = ?",
            trackingNumber)
        .stream()
        .findFirst();
  }

  /**
   * The SHA-256, in hex, of these shipments' rows in their order: equal for equal rows, whether
   * read from the write model or from a file.
   */
  String rowsSha256(List<ArchivedShipment> shipments) {
    var digest = Checksums.sha256();
    shipments.forEach(s -> digest.update(json.writeValueAsBytes(s)));
    return HexFormat.of().formatHex(digest.digest());
  }

  private List<ArchivedShipment> query(String sql, @Nullable String parameter) {
    try (var connection = duckdb.duplicate();
        var statement = connection.prepareStatement(sql)) {
      if (parameter != null) {
        statement.setString(1, parameter);
      }
      var found = new ArrayList<ArchivedShipment>();
      try (var rows = statement.executeQuery()) {
        while (rows.next()) {
          found.add(json.readValue(rows.getString(1), ArchivedShipment.class));
        }
      }
      return found;
    } catch (SQLException e) {
      throw new IllegalStateException("Cannot read the archive file: " + e.getMessage(), e);
    }
  }

  private void execute(String sql) {
    try (var connection = duckdb.duplicate();
        var statement = connection.createStatement()) {
      statement.execute(sql);
    } catch (SQLException e) {
      throw new IllegalStateException("Cannot write the archive file: " + e.getMessage(), e);
    }
  }

  private static String literal(Path path) {
    return "'" + path.toAbsolutePath().toString().replace("'", "''") + "'";
  }

  @Override
  public void close() throws SQLException {
    duckdb.close();
  }
}
