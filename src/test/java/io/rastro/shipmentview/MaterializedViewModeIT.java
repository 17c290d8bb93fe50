package io.rastro.shipmentview;

import static io.rastro.support.Fixtures.event;
import static org.assertj.core.api.Assertions.assertThat;

import io.rastro.support.IntegrationTest;
import org.junit.jupiter.api.Test;
import org.springframework.test.context.TestPropertySource;

/** The seed's Phase 1 read model still works: a materialized view refreshed on demand. */
@TestPropertySource(properties = "rastro.read-model.mode=materialized-view")
class MaterializedViewModeIT extends IntegrationTest {

  @Test
  void aShipmentShowsAfterTheRefreshAndItsAsOfIsTheRefresh() {
    var trackingNumber = fixtures.shipment(fixtures.customer());
    fixtures.record(trackingNumber, event("mv-1", "PICKED_UP", "2026-11-28T10:00:00Z"));
    fixtures.awaitWritten();

    var before = api.get("/api/v1/shipments/" + trackingNumber);
    var refresh = api.post("/api/v1/admin/read-model/refresh", "");
    var after = api.get("/api/v1/shipments/" + trackingNumber);

    assertThat(before.status()).isEqualTo(404);
    assertThat(before.text("detail")).contains("as of");
    assertThat(refresh.status()).isEqualTo(200);
    assertThat(refresh.body().path("durationMs").asLong()).isNotNegative();
    assertThat(after.status()).isEqualTo(200);
    assertThat(after.text("status")).isEqualTo("PICKED_UP");
    assertThat(after.text("asOf")).isEqualTo(refresh.text("asOf"));
  }
}
