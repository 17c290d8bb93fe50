package io.rastro.ingest;

import static io.rastro.support.Fixtures.event;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.rastro.shipment.TrackingNumber;
import io.rastro.shipment.internal.ShipmentIngest;
import io.rastro.support.Fixtures;
import io.rastro.support.IntegrationTest;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

/** What every queue backend promises, tested on each. */
abstract class QueueContract extends IntegrationTest {

  @Autowired IngestQueue queue;
  @Autowired ShipmentIngest shipments;

  /** The backend's name, as {@code rastro.ingest.queue} gives it. */
  abstract String backend();

  @Test
  void showsTheQueueToOperators() {
    var view = api.get("/api/v1/admin/ingest");

    assertThat(view.status()).isEqualTo(200);
    assertThat(view.text("backend")).isEqualTo(backend());
    assertThat(view.body().has("waiting")).isTrue();
    assertThat(
            api.get("/actuator/health")
                .body()
                .path("components")
                .path("ingestQueue")
                .path("status")
                .asString())
        .isEqualTo("UP");
  }

  @Test
  void aPoisonCommandBecomesADeadLetterWithoutBlockingTheCommandsBehindIt() {
    var trackingNumber = fixtures.shipment(fixtures.customer());
    fixtures.awaitWritten();
    var before = api.get("/api/v1/admin/dead-letters").body().size();

    queue.enqueue(
        List.of(
            new IngestCommand(
                "tracking.record", "not json".getBytes(StandardCharsets.UTF_8), Instant.now())));
    fixtures.record(trackingNumber, event("after-poison", "IN_TRANSIT", "2026-11-28T10:00:00Z"));
    fixtures.awaitWritten();

    var deadLetters = api.get("/api/v1/admin/dead-letters").body();
    assertThat(deadLetters.size()).isEqualTo(before + 1);
    var poison = deadLetters.get(deadLetters.size() - 1);
    assertThat(poison.path("payload").asString()).isEqualTo("not json");
    assertThat(poison.path("attempts").asInt()).isEqualTo(5);
    assertThat(
            jdbc.sql("select count(*) from tracking_events where event_id = 'after-poison'")
                .query(Long.class)
                .single())
        .isEqualTo(1);

    var redrive =
        api.post("/api/v1/admin/dead-letters/" + poison.path("id").asLong() + "/redrive", "");
    assertThat(redrive.status()).isEqualTo(202);

    // Re-driven, the poison fails every attempt again: a new dead letter replaces the old one.
    await()
        .atMost(Duration.ofSeconds(30))
        .untilAsserted(
            () -> {
              var now = api.get("/api/v1/admin/dead-letters").body();
              assertThat(now.findValues("id"))
                  .extracting(id -> id.asLong())
                  .doesNotContain(poison.path("id").asLong());
              assertThat(now.findValuesAsString("payload")).containsOnlyOnce("not json");
              var again = now.get(now.size() - 1);
              assertThat(again.path("payload").asString()).isEqualTo("not json");
              assertThat(again.path("attempts").asInt()).isEqualTo(5);
              assertThat(Instant.parse(again.path("acceptedAt").asString()))
                  .isEqualTo(Instant.parse(poison.path("acceptedAt").asString()));
              assertThat(Instant.parse(again.path("failedAt").asString()))
                  .isAfter(Instant.parse(poison.path("failedAt").asString()));
            });
    assertThat(api.post("/api/v1/admin/dead-letters/999999999/redrive", "").status())
        .isEqualTo(404);
  }

  @Test
  void anEventThatArrivesBeforeItsShipmentAttachesWhenTheShipmentIsWritten() {
    var customerId = fixtures.customer();
    var trackingNumber = TrackingNumber.generate(new Random());
    fixtures.record(trackingNumber.value(), event("early-1", "PICKED_UP", "2026-11-28T08:00:00Z"));
    fixtures.awaitWritten();
    assertThat(
            api.get("/api/v1/admin/unmatched-events?limit=1000")
                .body()
                .findValuesAsString("eventId"))
        .contains("early-1");

    // The shipment's own command, as the API queues it, lands after the event's.
    shipments.enqueue(Fixtures.queuedShipment(trackingNumber, customerId));
    fixtures.refresh();

    var shipment = api.get("/api/v1/shipments/" + trackingNumber).body();
    assertThat(shipment.path("status").asString()).isEqualTo("PICKED_UP");
    assertThat(shipment.path("events").findValuesAsString("eventId")).containsExactly("early-1");
    assertThat(
            api.get("/api/v1/admin/unmatched-events?limit=1000")
                .body()
                .findValuesAsString("eventId"))
        .doesNotContain("early-1");
  }

  @Test
  void everyAcceptedEventIsWrittenOnceUnderConcurrentLoad() throws Exception {
    var trackingNumber = fixtures.shipment(fixtures.customer());
    var threads = new Thread[8];
    for (int t = 0; t < threads.length; t++) {
      var thread = t;
      threads[t] =
          Thread.ofVirtual()
              .start(
                  () -> {
                    for (int i = 0; i < 50; i++) {
                      // Every event is sent twice, as a client retrying after a timeout would.
                      var body =
                          event("load-" + thread + "-" + i, "IN_TRANSIT", "2026-11-28T10:00:00Z");
                      fixtures.record(trackingNumber, body);
                      fixtures.record(trackingNumber, body);
                    }
                  });
    }
    for (var thread : threads) {
      thread.join();
    }

    await()
        .atMost(Duration.ofSeconds(30))
        .untilAsserted(
            () ->
                assertThat(
                        jdbc.sql(
                                "select count(*) from tracking_events where event_id like 'load-%'")
                            .query(Long.class)
                            .single())
                    .isEqualTo(400));
    fixtures.awaitWritten();
    assertThat(
            jdbc.sql("select count(*) from tracking_events where event_id like 'load-%'")
                .query(Long.class)
                .single())
        .isEqualTo(400);
  }
}
