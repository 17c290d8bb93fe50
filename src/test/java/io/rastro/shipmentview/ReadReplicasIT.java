package io.rastro.shipmentview;

import static io.rastro.support.Fixtures.event;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assumptions.assumeFalse;

import io.rastro.support.Api;
import io.rastro.support.Fixtures;
import io.rastro.support.PostgresCluster;
import io.rastro.support.RastroProcess;
import io.rastro.support.TestDatabase;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Reads on a PostgreSQL streaming replica ({@code rastro.query.replicas}): a real primary and
 * replica made by the test, and Rastro as a process of its own on them.
 */
class ReadReplicasIT {

  private static PostgresCluster cluster;
  private static RastroProcess rastro;
  private static Api api;
  private static Fixtures fixtures;

  @BeforeAll
  static void start() {
    assumeFalse(TestDatabase.onServer(), "runs its own servers; once per build is enough");
    cluster = PostgresCluster.start();
    rastro =
        RastroProcess.start(
            "replicas",
            Map.of(
                "spring.datasource.url", cluster.primaryUrl(),
                "spring.datasource.username", "postgres",
                "rastro.query.replicas", cluster.replicaUrl(),
                "rastro.query.health-check-interval", "200ms",
                "rastro.data-dir", TestDatabase.freshDirectory()));
    api = rastro.api();
    fixtures = new Fixtures(api);
  }

  @AfterAll
  static void stop() {
    if (rastro != null) {
      rastro.close();
    }
    if (cluster != null) {
      cluster.close();
    }
  }

  @Test
  void readsGoToTheReplica() {
    var shipment = shipmentWithAnEvent("r-1");
    var before = reads("replica-1");
    var primaryBefore = reads("primary");
    for (int i = 0; i < 20; i++) {
      var detail = api.get("/api/v1/shipments/" + shipment);
      assertThat(detail.status()).isEqualTo(200);
      assertThat(detail.body().path("events").size()).isEqualTo(1);
      assertThat(detail.body().path("lagMs").isNumber()).isTrue();
    }
    assertThat(reads("replica-1") - before).isGreaterThanOrEqualTo(20);
    assertThat(reads("primary") - primaryBefore).isLessThan(20);
  }

  @Test
  void aTokenTheReplicaHasNotReplayedIsAnsweredByTheReadDatabase() {
    var shipment = shipmentWithAnEvent("t-1");
    cluster.pauseReplay();
    try {
      var accepted =
          api.post(
              "/api/v1/shipments/" + shipment + "/events",
              event("t-2", "OUT_FOR_DELIVERY", "2026-11-27T12:00:00Z"));
      assertThat(accepted.status()).isEqualTo(202);
      var token = accepted.text("consistencyToken");

      var withToken =
          api.send(
              "GET",
              "/api/v1/shipments/" + shipment,
              Map.of("Authorization", "Bearer " + Api.ADMIN_KEY, "X-Rastro-Min-Position", token),
              null);
      assertThat(withToken.status()).as(withToken.raw()).isEqualTo(200);
      assertThat(withToken.raw()).contains("\"t-2\"");
      assertThat(withToken.text("status")).isEqualTo("OUT_FOR_DELIVERY");

      // Without the token the replica answers, as of what it has replayed: the write is not there.
      var without = api.get("/api/v1/shipments/" + shipment);
      assertThat(without.status()).isEqualTo(200);
      assertThat(without.raw()).doesNotContain("\"t-2\"");
    } finally {
      cluster.resumeReplay();
    }
    await()
        .atMost(Duration.ofSeconds(10))
        .until(() -> api.get("/api/v1/shipments/" + shipment).raw().contains("\"t-2\""));
  }

  @Test
  void aReplicaStoppedUnderReadsFailsNoReadAndTakesReadsAgainWhenBack() throws Exception {
    var shipment = shipmentWithAnEvent("s-1");
    var reading = new AtomicBoolean(true);
    var answered = new AtomicLong();
    var failed = new AtomicLong();
    var failures = new java.util.concurrent.ConcurrentLinkedQueue<String>();
    var reader =
        Thread.ofPlatform()
            .start(
                () -> {
                  while (reading.get()) {
                    var detail = api.get("/api/v1/shipments/" + shipment);
                    if (detail.status() == 200) {
                      answered.incrementAndGet();
                    } else {
                      failed.incrementAndGet();
                      failures.add(detail.status() + " " + detail.raw());
                    }
                  }
                });
    try {
      await().atMost(Duration.ofSeconds(10)).until(() -> answered.get() >= 50);
      cluster.stop("replica");
      var afterStop = answered.get();
      await().atMost(Duration.ofSeconds(10)).until(() -> healthy("replica-1") == 0);
      await().atMost(Duration.ofSeconds(10)).until(() -> answered.get() >= afterStop + 200);

      cluster.start("replica");
      await().atMost(Duration.ofSeconds(20)).until(() -> healthy("replica-1") == 1);
      var backAt = reads("replica-1");
      await().atMost(Duration.ofSeconds(10)).until(() -> reads("replica-1") >= backAt + 50);
    } finally {
      reading.set(false);
      reader.join();
    }
    assertThat(failures).as("reads that failed").isEmpty();
    assertThat(failed.get()).isZero();
  }

  private static String shipmentWithAnEvent(String eventId) {
    var shipment = fixtures.shipment(fixtures.customer());
    fixtures.record(shipment, event(eventId, "IN_TRANSIT", "2026-11-27T09:00:00Z"));
    fixtures.awaitWritten();
    await()
        .atMost(Duration.ofSeconds(10))
        .until(() -> api.get("/api/v1/shipments/" + shipment).raw().contains(eventId));
    return shipment;
  }

  /** Connections the queries took from this target so far. */
  private static double reads(String target) {
    return metric("rastro_reads_total", target);
  }

  private static double healthy(String target) {
    return metric("rastro_reads_replica_healthy", target);
  }

  private static double metric(String name, String target) {
    var matcher =
        Pattern.compile(
                "^" + name + "\\{[^}]*target=\"" + target + "\"[^}]*} (\\S+)$", Pattern.MULTILINE)
            .matcher(api.get("/actuator/prometheus").raw());
    return matcher.find() ? Double.parseDouble(matcher.group(1)) : 0;
  }
}
