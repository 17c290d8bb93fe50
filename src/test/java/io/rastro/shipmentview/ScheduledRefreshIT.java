package io.rastro.shipmentview;

import static io.rastro.support.Fixtures.event;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.rastro.support.IntegrationTest;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.springframework.test.context.TestPropertySource;

@TestPropertySource(
    properties = {
      "rastro.read-model.mode=materialized-view",
      "rastro.read-model.refresh-interval=300ms"
    })
class ScheduledRefreshIT extends IntegrationTest {

  @Test
  void theScheduledRefreshBringsNewWritesIntoTheReadModel() {
    var trackingNumber = fixtures.shipment(fixtures.customer());
    fixtures.record(trackingNumber, event("s-1", "OUT_FOR_DELIVERY", "2026-11-28T10:00:00Z"));

    await()
        .atMost(Duration.ofSeconds(20))
        .untilAsserted(
            () ->
                assertThat(api.get("/api/v1/shipments/" + trackingNumber).text("status"))
                    .isEqualTo("OUT_FOR_DELIVERY"));
  }
}
