package io.rastro.analytics;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assumptions.assumeFalse;

import io.rastro.support.Api;
import io.rastro.support.ClickHouseNode;
import io.rastro.support.Fixtures;
import io.rastro.support.Load;
import io.rastro.support.RastroProcess;
import io.rastro.support.Reliability;
import io.rastro.support.Services;
import io.rastro.support.TestDatabase;
import java.nio.file.Path;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * {@code kill -9} of Rastro while the analytics engine loads, and for ClickHouse a kill and a
 * restart of the server while Rastro runs: afterwards the engine holds every shipment and event of
 * the write model exactly once, and the check against the write model finds nothing differing.
 */
class AnalyticsCrashIT {

  @BeforeAll
  static void once() {
    assumeFalse(TestDatabase.onServer(), "runs its own processes; once per build is enough");
  }

  @ParameterizedTest(name = "{0}")
  @ValueSource(strings = {"duckdb", "clickhouse", "duckdb over rabbitmq"})
  void nothingIsLostOrCountedTwiceAfterAKill9(String variant) {
    var engine = variant.startsWith("clickhouse") ? "clickhouse" : "duckdb";
    var dataDir = Path.of(TestDatabase.freshDirectory());
    var postgresPort = RastroProcess.freePort();
    var properties = new HashMap<>(RastroProcess.ownDatabase(dataDir, postgresPort));
    properties.put("rastro.analytics.engine", engine);
    if (variant.endsWith("rabbitmq")) {
      // The loader then takes the events from its own queue on the bus, chain-checked.
      Services.assumeReachable("RabbitMQ", "127.0.0.1", 5672);
      properties.put("rastro.events.bus", "rabbitmq");
      properties.put("rastro.events.exchange", "rastro.events.analytics-crash-" + postgresPort);
    }
    properties.put("rastro.ingest.max-write-rate", "1500");
    try (var clickhouse = engine.equals("clickhouse") ? ClickHouseNode.start() : null) {
      if (clickhouse != null) {
        properties.put("rastro.analytics.clickhouse.url", clickhouse.uri().toString());
        properties.put("rastro.analytics.clickhouse.database", "rastro_crash");
      }
      var database = "jdbc:postgresql://localhost:" + postgresPort + "/postgres";
      var name = "analytics-crash-" + variant.replace(' ', '-');
      var prefix = name + "-";
      List<String> shipments;
      try (var first = RastroProcess.start(name, properties)) {
        shipments = Reliability.shipments(first.api(), 20);
        var load = new Load(first.api(), shipments, prefix).start(2, 1);
        await().atMost(Duration.ofMinutes(2)).until(() -> load.acceptedCount() >= 3000);
        await()
            .atMost(Duration.ofMinutes(1))
            .pollInterval(Duration.ofMillis(20))
            .until(() -> loadedEvents(first.api()) > 0);
        load.serverGoing();
        first.kill();
        load.stop();
      }

      try (var second = RastroProcess.start(name + "-again", properties)) {
        var api = second.api();
        deliver(api, shipments.subList(0, 5));
        if (clickhouse != null) {
          clickhouse.kill();
          deliver(api, shipments.subList(5, 10));
          Reliability.awaitDrained(api);
          assertThat(api.get("/api/v1/analytics/volume").status()).isEqualTo(503);
          clickhouse.startAgain();
          clickhouse.stop();
          deliver(api, shipments.subList(10, 15));
          clickhouse.startAgain();
        }
        Reliability.awaitDrained(api);
        var written = count(database, "tracking_events");
        await()
            .atMost(Duration.ofMinutes(2))
            .pollInterval(Duration.ofMillis(250))
            .untilAsserted(() -> assertThat(loadedEvents(api)).isEqualTo(written));
        assertThat(loadedShipments(api)).isEqualTo(count(database, "shipments"));
        var check = api.get("/api/v1/admin/analytics/check");
        assertThat(check.body().path("differing").asInt()).as(check.raw()).isZero();
        assertThat(check.body().path("carriers").asInt()).isPositive();
      }
    }
  }

  /** Delivers these shipments, a day after their events began. */
  private static void deliver(Api api, List<String> shipments) {
    var fixtures = new Fixtures(api);
    for (var number : shipments) {
      fixtures.record(
          number, Fixtures.event("delivered-" + number, "DELIVERED", "2026-11-21T12:00:00Z"));
    }
  }

  private static long loadedEvents(Api api) {
    return sum(api, "trackingEvents");
  }

  private static long loadedShipments(Api api) {
    return sum(api, "shipments");
  }

  private static long sum(Api api, String field) {
    var answer = api.get("/api/v1/analytics/volume?interval=week&from=2026-01-01");
    assertThat(answer.status()).as(answer.raw()).isEqualTo(200);
    return answer.body().path("rows").valueStream().mapToLong(r -> r.path(field).asLong()).sum();
  }

  private static long count(String url, String table) {
    try (var connection = DriverManager.getConnection(url, "postgres", "");
        var statement = connection.createStatement();
        var rows = statement.executeQuery("select count(*) from " + table)) {
      rows.next();
      return rows.getLong(1);
    } catch (SQLException e) {
      throw new IllegalStateException(e);
    }
  }
}
