package io.rastro.archive;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assumptions.assumeFalse;

import io.rastro.support.RastroProcess;
import io.rastro.support.Reliability;
import io.rastro.support.TestDatabase;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.datasource.DriverManagerDataSource;

/**
 * {@code kill -9} of Rastro in the middle of an archive run, with many small files so that the kill
 * lands between files and inside one: afterwards every shipment is either in PostgreSQL or in the
 * archive, never both and never neither; the next run deletes what the stopped one left unverified
 * and carries on; and every shipment still shows its whole history.
 */
class ArchiveCrashIT {

  private static final int SHIPMENTS = 400;

  @BeforeAll
  static void once() {
    assumeFalse(TestDatabase.onServer(), "runs its own processes; once per build is enough");
  }

  @Test
  void everyShipmentIsInOnePlaceAfterAKill9MidRunAndTheNextRunFinishes() throws IOException {
    var dataDir = Path.of(TestDatabase.freshDirectory());
    var postgresPort = RastroProcess.freePort();
    var properties = new HashMap<>(RastroProcess.ownDatabase(dataDir, postgresPort));
    properties.put("rastro.archive.after", "PT1S");
    properties.put("rastro.archive.schedule", "-");
    properties.put("rastro.archive.shipments-per-file", "10");
    var jdbc =
        JdbcClient.create(
            new DriverManagerDataSource(
                "jdbc:postgresql://localhost:" + postgresPort + "/postgres", "postgres", ""));
    List<String> shipments;
    try (var first = RastroProcess.start("archive-crash", properties)) {
      var api = first.api();
      shipments = Reliability.shipments(api, SHIPMENTS);
      for (int from = 0; from < SHIPMENTS; from += 100) {
        var batch = new ArrayList<Map<String, Object>>();
        for (var number : shipments.subList(from, from + 100)) {
          batch.add(event(number, "PICKED_UP", 1));
          batch.add(event(number, "IN_TRANSIT", 2));
        }
        assertThat(api.post("/api/v1/tracking-events", batch).status()).isEqualTo(202);
      }
      Reliability.awaitDrained(api);
      // Once their last activity is a second old, a run moves them; some files have moved
      // theirs, and more are on their way, when the kill comes.
      await()
          .atMost(Duration.ofMinutes(1))
          .pollInterval(Duration.ofMillis(10))
          .until(
              () -> {
                var run = api.post("/api/v1/admin/archive/run", "");
                assertThat(run.status()).isIn(202, 409);
                return count(jdbc, "archived_shipments") >= 30;
              });
      first.kill();
    }

    try (var second = RastroProcess.start("archive-crash-again", properties)) {
      var api = second.api();
      var inPostgres = numbers(jdbc, "select tracking_number from shipments");
      var archived = numbers(jdbc, "select tracking_number from archived_shipments");
      assertThat(inPostgres).as("in both places").doesNotContainAnyElementsOf(archived);
      assertThat(union(inPostgres, archived))
          .as("in one place")
          .containsExactlyInAnyOrderElementsOf(shipments);
      assertThat(inPostgres).as("the kill stopped the run before its end").isNotEmpty();

      var runs = new ArchiveRuns(api, jdbc);
      await()
          .atMost(Duration.ofMinutes(2))
          .pollInterval(Duration.ofMillis(500))
          .untilAsserted(
              () -> {
                assertThat(runs.run().path("status").asString()).isEqualTo("finished");
                assertThat(count(jdbc, "shipments")).isZero();
              });

      assertThat(count(jdbc, "archived_shipments")).isEqualTo(SHIPMENTS);
      assertThat(count(jdbc, "tracking_events")).isZero();
      assertThat(count(jdbc, "archive_files where status = 'writing'")).isZero();
      assertThat(
              jdbc.sql("select count(*) from archive_runs where status = 'interrupted'")
                  .query(Long.class)
                  .single())
          .isOne();
      // The store holds the verified files and the manifests, nothing else.
      var verified =
          new HashSet<>(
              jdbc.sql("select key from archive_files where status = 'verified'")
                  .query(String.class)
                  .list());
      var archive = dataDir.resolve("archive");
      try (var files = Files.walk(archive)) {
        var stored =
            files
                .filter(Files::isRegularFile)
                .map(f -> archive.relativize(f).toString())
                .filter(key -> !key.startsWith("manifests/"))
                .toList();
        assertThat(stored).containsExactlyInAnyOrderElementsOf(verified);
      }
      var events =
          jdbc.sql("select sum(events) from archived_shipments").query(Long.class).single();
      assertThat(events).isEqualTo(2L * SHIPMENTS);
      for (var number : shipments.subList(0, 40)) {
        var shipment = api.get("/api/v1/shipments/" + number);
        assertThat(shipment.status()).isEqualTo(200);
        assertThat(shipment.body().path("archived").asBoolean()).isTrue();
        assertThat(shipment.body().path("events").findValuesAsString("status"))
            .containsExactly("PICKED_UP", "IN_TRANSIT");
      }
      await()
          .atMost(Duration.ofMinutes(1))
          .untilAsserted(() -> assertThat(count(jdbc, "shipment_projection")).isZero());
      var check = api.get("/api/v1/admin/read-model/check");
      assertThat(check.body().path("differing").asLong()).as(check.raw()).isZero();
    }
  }

  private static Map<String, Object> event(String number, String status, int day) {
    var event = new LinkedHashMap<String, Object>();
    event.put("trackingNumber", number);
    event.put("eventId", number + "-" + status);
    event.put("status", status);
    event.put("occurredAt", Instant.parse("2026-10-0%dT10:00:00Z".formatted(day)).toString());
    return event;
  }

  private static Set<String> numbers(JdbcClient jdbc, String sql) {
    return new HashSet<>(jdbc.sql(sql).query(String.class).list());
  }

  private static Set<String> union(Set<String> a, Set<String> b) {
    var all = new HashSet<>(a);
    all.addAll(b);
    return all;
  }

  private static long count(JdbcClient jdbc, String table) {
    return jdbc.sql("select count(*) from " + table).query(Long.class).single();
  }
}
