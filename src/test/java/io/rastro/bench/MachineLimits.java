package io.rastro.bench;

import java.io.StringReader;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.time.Instant;
import java.util.List;
import java.util.Random;
import org.HdrHistogram.Histogram;
import org.postgresql.PGConnection;

/**
 * What this machine's PostgreSQL does with no Rastro in the way, measured in the same run as the
 * scenarios so that every figure can be read as a ratio to it.
 */
final class MachineLimits {

  private MachineLimits() {}

  /**
   * Rows per second that {@code COPY} writes into a scratch copy of {@code tracking_events} (same
   * columns and primary key), in one transaction.
   */
  static double copyRowsPerSecond(String url, int rows) throws SQLException {
    try (var connection = DriverManager.getConnection(url, "postgres", "")) {
      try (var statement = connection.createStatement()) {
        statement.execute("drop table if exists bench_copy");
        statement.execute(
            "create table bench_copy (like tracking_events including defaults including indexes)");
      }
      var text = new StringBuilder(rows * 90);
      var now = Instant.now().toString();
      for (int i = 0; i < rows; i++) {
        text.append(i % 50_000)
            .append('\t')
            .append(Instant.parse("2026-11-01T00:00:00Z").plusSeconds(i))
            .append("\tcopy-")
            .append(i)
            .append("\tIN_TRANSIT\t\\N\t")
            .append(now)
            .append("\t\\N\tMadrid\tES\t\\N\t\\N\t\\N\n");
      }
      var copy = connection.unwrap(PGConnection.class).getCopyAPI();
      var started = System.nanoTime();
      copy.copyIn("copy bench_copy from stdin", new StringReader(text.toString()));
      var seconds = (System.nanoTime() - started) / 1e9;
      try (var statement = connection.createStatement()) {
        statement.execute("drop table bench_copy");
      }
      return rows / seconds;
    } catch (java.io.IOException e) {
      throw new SQLException(e);
    }
  }

  /**
   * Latency in microseconds of lookups by tracking number on {@code relation} (the one the API
   * reads shipments from), one connection.
   */
  static Histogram readModelLookups(
      String url, String relation, List<String> trackingNumbers, int lookups) throws SQLException {
    if (!relation.matches("[a-z_]+")) {
      throw new IllegalArgumentException("Not a relation: " + relation);
    }
    var histogram = new Histogram(60_000_000L, 3);
    var random = new Random(1);
    try (var connection = DriverManager.getConnection(url, "postgres", "");
        var statement =
            connection.prepareStatement(
                "select * from " + relation + " where tracking_number = ?")) {
      for (int i = 0; i < lookups; i++) {
        statement.setString(1, trackingNumbers.get(random.nextInt(trackingNumbers.size())));
        var started = System.nanoTime();
        try (var rows = statement.executeQuery()) {
          while (rows.next()) {
            rows.getString("events");
          }
        }
        histogram.recordValue((System.nanoTime() - started) / 1000);
      }
    }
    return histogram;
  }

  /** A random sample of the tracking numbers in the write model. */
  static List<String> sampleTrackingNumbers(String url, int count) throws SQLException {
    try (var connection = DriverManager.getConnection(url, "postgres", "");
        var statement =
            connection.prepareStatement(
                "select tracking_number from shipments order by random() limit ?")) {
      statement.setInt(1, count);
      var numbers = new java.util.ArrayList<String>();
      try (var rows = statement.executeQuery()) {
        while (rows.next()) {
          numbers.add(rows.getString(1));
        }
      }
      if (numbers.isEmpty()) {
        throw new IllegalStateException("No shipments to sample");
      }
      return numbers;
    }
  }
}
