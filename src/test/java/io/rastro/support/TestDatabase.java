package io.rastro.support;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.Assumptions;
import org.springframework.boot.test.util.TestPropertyValues;
import org.springframework.context.ApplicationContextInitializer;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * Gives each test application context a database and a data directory of its own: by default the
 * embedded PostgreSQL in the fresh data directory, and with {@code -Drastro.it.database=server} a
 * fresh database on the machine's PostgreSQL (127.0.0.1:5432, as in CI).
 */
public class TestDatabase implements ApplicationContextInitializer<ConfigurableApplicationContext> {

  public static final String SERVER_URL = "jdbc:postgresql://127.0.0.1:5432/";

  public static boolean onServer() {
    return "server".equals(System.getProperty("rastro.it.database"));
  }

  @Override
  public void initialize(ConfigurableApplicationContext context) {
    // A data directory of its own either way: the analytics engine keeps its file there.
    TestPropertyValues.of("rastro.data-dir=" + freshDirectory()).applyTo(context);
    if (onServer()) {
      TestPropertyValues.of(
              "spring.datasource.url=" + freshServerDatabase(),
              "spring.datasource.username=postgres")
          .applyTo(context);
    }
  }

  public static String freshDirectory() {
    try {
      var root = Files.createDirectories(Path.of("target", "it-data"));
      return Files.createTempDirectory(root, "rastro-").toAbsolutePath().toString();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /**
   * Skips the calling test, with a clear message, where the run asks for the machine's PostgreSQL
   * and this machine has none; in CI that is a failure instead.
   */
  public static void assumeAvailable() {
    if (!onServer()) {
      return;
    }
    try (var connection = DriverManager.getConnection(SERVER_URL + "postgres", "postgres", "")) {
      connection.isValid(5);
    } catch (SQLException e) {
      if (System.getenv("CI") != null) {
        throw new IllegalStateException("CI runs the suite on the machine's PostgreSQL too", e);
      }
      Assumptions.abort("Skipped: no PostgreSQL server at 127.0.0.1:5432 (" + e.getMessage() + ")");
    }
  }

  private static final AtomicBoolean SWEPT = new AtomicBoolean();

  /** A fresh, empty database on the machine's PostgreSQL; returns its JDBC URL. */
  public static String freshServerDatabase() {
    var database = "rastro_it_" + UUID.randomUUID().toString().replace("-", "");
    createOnServer(database);
    return SERVER_URL + database;
  }

  private static void createOnServer(String database) {
    try (var connection = DriverManager.getConnection(SERVER_URL + "postgres", "postgres", "");
        var statement = connection.createStatement()) {
      if (SWEPT.compareAndSet(false, true)) {
        dropEarlierRuns(connection);
      }
      statement.execute("create database " + database);
    } catch (SQLException e) {
      throw new IllegalStateException("Cannot create a test database on 127.0.0.1:5432", e);
    }
  }

  /** Drops the databases earlier runs left behind; one still in use is left alone. */
  private static void dropEarlierRuns(Connection connection) throws SQLException {
    var names = new ArrayList<String>();
    try (var statement = connection.createStatement();
        var rows =
            statement.executeQuery(
                "select datname from pg_database where datname like 'rastro\\_it\\_%'")) {
      while (rows.next()) {
        names.add(rows.getString(1));
      }
    }
    for (var name : names) {
      try (var statement = connection.createStatement()) {
        statement.execute("drop database if exists " + name);
      } catch (SQLException inUse) {
        // another run's database: not ours to drop
      }
    }
  }
}
