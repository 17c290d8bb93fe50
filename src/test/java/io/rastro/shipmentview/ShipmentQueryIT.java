package io.rastro.shipmentview;

import static io.rastro.support.Fixtures.event;
import static org.assertj.core.api.Assertions.assertThat;

import io.rastro.support.Api;
import io.rastro.support.IntegrationTest;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class ShipmentQueryIT extends IntegrationTest {

  @Test
  void aShipmentShowsWithEverythingTheReadModelHolds() {
    var customerId = fixtures.customer();
    var carrier = fixtures.carrier();
    var body = fixtures.shipmentBody(customerId);
    body.put("reference", "ORD-77");
    body.put("carrierCode", carrier);
    body.put("promisedDeliveryDate", "2026-12-24");
    var trackingNumber = fixtures.shipment(body);

    fixtures.refresh();
    var after = api.get("/api/v1/shipments/" + trackingNumber);

    assertThat(after.status()).isEqualTo(200);
    var shipment = after.body();
    assertThat(shipment.path("status").asString()).isEqualTo("PENDING");
    assertThat(shipment.path("reference").asString()).isEqualTo("ORD-77");
    assertThat(shipment.path("customer").path("id").asString()).isEqualTo(customerId);
    assertThat(shipment.path("customer").path("name").asString()).isEqualTo("Ana Pérez");
    assertThat(shipment.path("carrier").path("code").asString()).isEqualTo(carrier);
    assertThat(shipment.path("origin").path("city").asString()).isEqualTo("Madrid");
    assertThat(shipment.path("destination").path("country").asString()).isEqualTo("PE");
    assertThat(shipment.path("estimatedDelivery").asString()).isEqualTo("2026-12-24");
    assertThat(shipment.path("eventCount").asInt()).isZero();
    assertThat(shipment.path("events").isArray()).isTrue();
    assertThat(Instant.parse(shipment.path("asOf").asString())).isBefore(Instant.now());
    assertThat(shipment.path("lagMs").asLong()).isNotNegative();
  }

  @Test
  void statusFollowsTheLatestOccurredAtNotTheOrderOfArrival() {
    var trackingNumber = fixtures.shipment(fixtures.customer());
    fixtures.record(trackingNumber, event("e3", "DELIVERED", "2026-11-28T18:00:00Z"));
    fixtures.record(trackingNumber, event("e1", "PICKED_UP", "2026-11-27T09:00:00Z"));
    fixtures.record(trackingNumber, event("e2", "OUT_FOR_DELIVERY", "2026-11-28T07:30:00Z"));
    fixtures.record(trackingNumber, event("e1", "PICKED_UP", "2026-11-27T09:00:00Z"));

    fixtures.refresh();
    var shipment = api.get("/api/v1/shipments/" + trackingNumber).body();

    assertThat(shipment.path("status").asString()).isEqualTo("DELIVERED");
    assertThat(shipment.path("eventCount").asInt()).isEqualTo(3);
    assertThat(shipment.path("events").findValuesAsString("eventId"))
        .containsExactly("e1", "e2", "e3");
    assertThat(shipment.path("lastEvent").path("eventId").asString()).isEqualTo("e3");
    assertThat(shipment.path("deliveredAt").asString()).isEqualTo("2026-11-28T18:00:00Z");
    var first = shipment.path("events").get(0);
    assertThat(first.path("occurredAt").asString()).isEqualTo("2026-11-27T09:00:00Z");
    assertThat(Instant.parse(first.path("receivedAt").asString()))
        .isAfter(Instant.parse("2026-11-28T18:00:00Z"));
    assertThat(first.path("location").path("city").asString()).isEqualTo("Madrid");
  }

  @Test
  void onATieOfOccurredAtTheStatusFurtherAlongTheLifecycleWins() {
    var trackingNumber = fixtures.shipment(fixtures.customer());
    fixtures.record(trackingNumber, event("z-late", "DELIVERED", "2026-11-28T18:00:00Z"));
    fixtures.record(trackingNumber, event("a-early", "OUT_FOR_DELIVERY", "2026-11-28T18:00:00Z"));

    fixtures.refresh();

    assertThat(api.get("/api/v1/shipments/" + trackingNumber).text("status"))
        .isEqualTo("DELIVERED");
  }

  @Test
  void listsFilterAndPageWithACursorWithoutGapsOrRepeats() {
    var customerId = fixtures.customer();
    var carrier = fixtures.carrier();
    var created = new ArrayList<String>();
    for (int i = 0; i < 7; i++) {
      var body = fixtures.shipmentBody(customerId);
      if (i % 2 == 0) {
        body.put("carrierCode", carrier);
      }
      created.add(fixtures.shipment(body));
    }
    fixtures.record(created.get(0), event("l-1", "IN_TRANSIT", "2026-11-28T10:00:00Z"));
    fixtures.refresh();

    var seen = new ArrayList<String>();
    String cursor = null;
    do {
      var page =
          api.get(
              "/api/v1/shipments?customerId="
                  + customerId
                  + "&limit=3"
                  + (cursor == null ? "" : "&cursor=" + cursor));
      assertThat(page.status()).isEqualTo(200);
      assertThat(page.text("asOf")).isNotBlank();
      seen.addAll(page.body().path("items").findValuesAsString("trackingNumber"));
      cursor =
          page.body().path("nextCursor").isNull() || page.body().path("nextCursor").isMissingNode()
              ? null
              : page.text("nextCursor");
    } while (cursor != null);

    assertThat(seen).containsExactlyElementsOf(created.reversed());
    assertThat(items("customerId=" + customerId + "&carrierCode=" + carrier.toLowerCase()))
        .containsExactlyInAnyOrder(created.get(0), created.get(2), created.get(4), created.get(6));
    assertThat(items("customerId=" + customerId + "&status=in_transit"))
        .containsExactly(created.get(0));
    assertThat(items("customerId=" + customerId + "&status=PENDING")).hasSize(6);
    assertThat(items("customerId=" + customerId + "&createdFrom=2999-01-01T00:00:00Z")).isEmpty();
    assertThat(items("customerId=" + customerId + "&createdTo=2999-01-01T00:00:00Z")).hasSize(7);
  }

  private List<String> items(String query) {
    var page = api.get("/api/v1/shipments?" + query);
    assertThat(page.status()).isEqualTo(200);
    return page.body().path("items").findValuesAsString("trackingNumber");
  }

  @Test
  void badListParametersAre400NamingTheParameter() {
    assertThat(fieldOf(api.get("/api/v1/shipments?limit=501"))).isEqualTo("limit");
    assertThat(fieldOf(api.get("/api/v1/shipments?status=LOST"))).isEqualTo("status");
    assertThat(fieldOf(api.get("/api/v1/shipments?cursor=garbage"))).isEqualTo("cursor");
    assertThat(fieldOf(api.get("/api/v1/shipments?customerId=nope"))).isEqualTo("customerId");
    assertThat(fieldOf(api.get("/api/v1/shipments?createdFrom=yesterday")))
        .isEqualTo("createdFrom");
    assertThat(fieldOf(api.get("/api/v1/shipments/not-a-number"))).isEqualTo("trackingNumber");
  }

  private static String fieldOf(Api.Response response) {
    assertThat(response.status()).isEqualTo(400);
    assertThat(response.contentType()).startsWith("application/problem+json");
    return response.body().path("errors").get(0).path("field").asString();
  }
}
