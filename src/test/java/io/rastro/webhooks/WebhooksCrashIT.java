package io.rastro.webhooks;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assumptions.assumeFalse;

import io.rastro.support.Load;
import io.rastro.support.RastroProcess;
import io.rastro.support.Reliability;
import io.rastro.support.TestDatabase;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.json.JsonMapper;

/** {@code kill -9} of Rastro during a burst: after a restart, every event is delivered. */
class WebhooksCrashIT {

  static final JsonMapper JSON = JsonMapper.builder().build();

  @BeforeAll
  static void once() {
    assumeFalse(TestDatabase.onServer(), "runs its own processes; once per build is enough");
  }

  @Test
  void everyEventIsDeliveredAtLeastOnceAfterAKill9() {
    var dataDir = Path.of(TestDatabase.freshDirectory());
    var properties = new HashMap<>(RastroProcess.ownDatabase(dataDir, RastroProcess.freePort()));
    properties.put("rastro.webhooks.allow-private-targets", "true");
    properties.put("rastro.webhooks.retry-delays", "200ms");
    properties.put("rastro.webhooks.retry-every", "500ms");
    try (var receiver = new Receiver()) {
      try (var first = RastroProcess.start("webhooks-crash", properties)) {
        var api = first.api();
        var created =
            api.post(
                "/api/v1/webhooks",
                Map.of(
                    "url",
                    receiver.url("/burst"),
                    "eventTypes",
                    List.of("io.rastro.tracking.recorded.v1")));
        assertThat(created.status()).as(created.raw()).isEqualTo(201);
        var shipments = Reliability.shipments(api, 10);
        try (var load = new Load(api, shipments, "webhook-crash-").start(2, 1)) {
          await().atMost(Duration.ofMinutes(1)).until(() -> load.acceptedCount() >= 2000);
          load.serverGoing();
          first.kill();
          load.stop();
        }
      }
      try (var second = RastroProcess.start("webhooks-crash-restarted", properties)) {
        Reliability.awaitDrained(second.api());
        var written = writtenEventIds(second);
        assertThat(written).isNotEmpty();
        await()
            .atMost(Duration.ofMinutes(2))
            .pollInterval(Duration.ofMillis(500))
            .untilAsserted(() -> assertThat(delivered(receiver)).containsAll(written));
      }
    }
  }

  /** The event ids the receiver got, each at least once. */
  private static Set<String> delivered(Receiver receiver) {
    var ids = new HashSet<String>();
    for (var request : receiver.to("/burst")) {
      ids.add(JSON.readTree(request.body()).path("data").path("eventId").asString());
    }
    return ids;
  }

  /** Every event Rastro wrote, from its feed: each must reach the endpoint. */
  private static Set<String> writtenEventIds(RastroProcess rastro) {
    var ids = new HashSet<String>();
    String position = null;
    while (true) {
      var query =
          "types=io.rastro.tracking.recorded.v1&limit=1000"
              + (position == null ? "" : "&after=" + position);
      var page = rastro.api().get("/api/v1/events?" + query).body();
      page.path("events").forEach(e -> ids.add(e.path("data").path("eventId").asString()));
      var next = page.path("next").asString();
      if (next.equals(position)) {
        return ids;
      }
      position = next;
    }
  }
}
