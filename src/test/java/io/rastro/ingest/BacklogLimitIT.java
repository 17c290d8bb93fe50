package io.rastro.ingest;

import static io.rastro.support.Fixtures.event;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.rastro.support.Api;
import io.rastro.support.IntegrationTest;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;
import org.springframework.test.context.TestPropertySource;

/**
 * A queue that holds {@code rastro.ingest.max-backlog} refuses more work with {@code 503} and
 * {@code Retry-After}, keeps nothing of what it refused, and takes work again once it has drained.
 * The workers here are held to a batch about every second ({@code max-write-rate=2} lets a batch
 * through with two tokens, however many commands it holds), so that the backlog builds up under a
 * test's pace.
 */
@TestPropertySource(properties = {"rastro.ingest.max-backlog=4", "rastro.ingest.max-write-rate=2"})
class BacklogLimitIT extends IntegrationTest {

  @Test
  void aFullQueueRefusesNewEventsUntilItHasDrainedAndLosesNothingItAccepted() {
    var trackingNumber = fixtures.shipment(fixtures.customer());
    fixtures.awaitWritten();
    var accepted = new ArrayList<String>();
    var refusal = new AtomicReference<Api.Response>();
    var refusedBatch = new AtomicReference<List<Map<String, Object>>>();
    var n = new AtomicInteger();

    await()
        .atMost(Duration.ofSeconds(20))
        .pollInterval(Duration.ofMillis(50))
        .until(
            () -> {
              var i = n.incrementAndGet();
              var batch =
                  List.of(
                      withNumber(trackingNumber, event("full-" + i + "a", "IN_TRANSIT", at(i))),
                      withNumber(trackingNumber, event("full-" + i + "b", "IN_TRANSIT", at(i))));
              var response = api.post("/api/v1/tracking-events", batch);
              if (response.status() == 202) {
                accepted.add("full-" + i + "a");
                accepted.add("full-" + i + "b");
                return false;
              }
              refusal.set(response);
              refusedBatch.set(batch);
              return true;
            });

    var refused = refusal.get();
    assertThat(refused.status()).isEqualTo(503);
    assertThat(refused.contentType()).startsWith("application/problem+json");
    assertThat(refused.headers().firstValue("Retry-After").orElse("")).isEqualTo("1");
    assertThat(refused.text("detail")).contains("rastro.ingest.max-backlog");
    // Nothing is refused before the bound: four batches of two (four commands) were taken first.
    assertThat(accepted).hasSizeGreaterThanOrEqualTo(8);
    assertThat(api.get("/actuator/prometheus").raw())
        .containsPattern("rastro_ingest_refused_total [1-9]");

    fixtures.awaitWritten();

    var refusedIds = refusedBatch.get().stream().map(e -> (String) e.get("eventId")).toList();
    assertThat(eventIds("full-%")).containsExactlyInAnyOrderElementsOf(accepted);
    // Retried as a client does after Retry-After: the bound reads a depth up to a second old.
    await()
        .atMost(Duration.ofSeconds(10))
        .pollInterval(Duration.ofMillis(500))
        .until(() -> api.post("/api/v1/tracking-events", refusedBatch.get()).status() == 202);
    fixtures.awaitWritten();
    assertThat(eventIds("full-%")).containsAll(refusedIds).hasSize(accepted.size() + 2);
  }

  private List<String> eventIds(String pattern) {
    return jdbc.sql("select event_id from tracking_events where event_id like ?")
        .param(pattern)
        .query(String.class)
        .list();
  }

  private static Map<String, Object> withNumber(String trackingNumber, Map<String, Object> event) {
    event.put("trackingNumber", trackingNumber);
    return event;
  }

  private static String at(int i) {
    return "2026-11-28T10:%02d:%02dZ".formatted(i / 60 % 60, i % 60);
  }
}
