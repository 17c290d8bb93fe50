package io.rastro.security;

import static io.rastro.support.Fixtures.event;
import static org.assertj.core.api.Assertions.assertThat;

import io.rastro.shipment.TrackingNumber;
import io.rastro.support.Api;
import io.rastro.support.IntegrationTest;
import io.rastro.tracking.TrackingStatus;
import io.rastro.tracking.internal.TrackingEvent;
import io.rastro.tracking.internal.TrackingEventWriter;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

/**
 * Two shippers, each with shipments: neither can read, list or infer the other's, by tracking
 * number, by filter, or through the public endpoint; and a carrier's events reach only the
 * shipments assigned to it.
 */
class TenantIsolationIT extends IntegrationTest {

  @Autowired TrackingEventWriter writer;

  @Test
  void neitherShipperCanReadListOrInferTheOthersShipments() {
    var ana = fixtures.customer();
    var bea = fixtures.customer();
    var anaApi = api.as(fixtures.apiKey("SHIPPER", ana, null));
    var beaApi = api.as(fixtures.apiKey("SHIPPER", bea, null));
    var anas = new ArrayList<String>();
    var beas = new ArrayList<String>();
    for (int i = 0; i < 3; i++) {
      anas.add(created(anaApi.post("/api/v1/shipments", fixtures.shipmentBody(ana))));
      beas.add(created(beaApi.post("/api/v1/shipments", fixtures.shipmentBody(bea))));
    }
    fixtures.refresh();

    for (var number : beas) {
      var read = anaApi.get("/api/v1/shipments/" + number);
      var unknown = anaApi.get("/api/v1/shipments/" + unknownNumber());
      assertThat(read.status()).isEqualTo(404);
      assertThat(read.raw()).doesNotContain(bea).doesNotContain("Madrid");
      // the same answer as for a shipment that does not exist at all
      assertThat(read.body().path("title")).isEqualTo(unknown.body().path("title"));
      assertThat(unknown.status()).isEqualTo(404);
    }
    assertThat(numbers(anaApi.get("/api/v1/shipments?limit=500")))
        .containsAll(anas)
        .doesNotContainAnyElementsOf(beas);
    assertThat(numbers(anaApi.get("/api/v1/shipments?limit=500&customerId=" + bea))).isEmpty();
    assertThat(numbers(beaApi.get("/api/v1/shipments?limit=500")))
        .containsAll(beas)
        .doesNotContainAnyElementsOf(anas);
    assertThat(anaApi.get("/api/v1/customers/" + bea).status()).isEqualTo(404);

    var forOther = fixtures.shipmentBody(bea);
    var refused = anaApi.post("/api/v1/shipments", forOther);
    assertThat(refused.status()).isEqualTo(403);
    assertThat(refused.body().path("errors").get(0).path("field").asString())
        .isEqualTo("customerId");
  }

  @Test
  void thePublicEndpointShowsNothingPersonal() {
    var customer = fixtures.customer();
    var body = fixtures.shipmentBody(customer);
    body.put("reference", "ORDER-SECRET-42");
    var trackingNumber = fixtures.shipment(body);
    var located =
        new LinkedHashMap<String, Object>(event("pub-1", "IN_TRANSIT", "2026-11-27T12:00:00Z"));
    located.put(
        "location",
        Map.of(
            "name",
            "Hub of Juan García",
            "city",
            "Zaragoza",
            "country",
            "ES",
            "lat",
            41.6488,
            "lon",
            -0.8891));
    located.put("description", "Left with neighbour Juan García, 3ºB");
    fixtures.record(trackingNumber, located);
    fixtures.refresh();

    var tracked = api.as(null).get("/api/v1/track/" + trackingNumber);

    assertThat(tracked.status()).isEqualTo(200);
    assertThat(tracked.text("status")).isEqualTo("IN_TRANSIT");
    assertThat(tracked.body().path("events").get(0).path("city").asString()).isEqualTo("Zaragoza");
    assertThat(tracked.raw())
        .doesNotContain(
            "Ana Pérez",
            "ana@example.es",
            "Calle Mayor",
            "ORDER-SECRET-42",
            "Juan",
            "41.6488",
            "-0.8891",
            customer,
            "28013");
  }

  @Test
  void aMistypedNumberIsToldApartFromAnUnknownOne() {
    var trackingNumber = fixtures.shipment(fixtures.customer());
    var chars = trackingNumber.toCharArray();
    chars[5] = chars[5] == '7' ? '8' : '7';
    var mistyped = api.as(null).get("/api/v1/track/" + new String(chars));
    var unknown = api.as(null).get("/api/v1/track/" + unknownNumber());

    assertThat(mistyped.status()).isEqualTo(400);
    assertThat(mistyped.body().path("detail").asString()).contains("mistyped");
    assertThat(unknown.status()).isEqualTo(404);
  }

  @Test
  void anEventACarriersKeySentEarlyIsWrittenOnlyToItsOwnCarriersShipment() {
    var customer = fixtures.customer();
    var carrier = fixtures.carrier();
    var other = fixtures.carrier();
    var body = fixtures.shipmentBody(customer);
    body.put("carrierCode", other);
    var trackingNumber = fixtures.shipment(body);
    fixtures.awaitWritten();
    // As if the carrier's key had sent it before the shipment was written: checked on writing.
    var event =
        new TrackingEvent(
                new TrackingNumber(trackingNumber),
                "early-1",
                TrackingStatus.IN_TRANSIT,
                Instant.parse("2026-11-27T12:00:00Z"),
                Instant.now(),
                null,
                "Zaragoza",
                "ES",
                null,
                null,
                null,
                null,
                null)
            .sentBy(carrier);

    var result = writer.write(List.of(event));

    assertThat(result.forbidden()).containsExactly(event);
    assertThat(result.stored()).isEmpty();
    fixtures.refresh();
    assertThat(api.get("/api/v1/shipments/" + trackingNumber).body().path("eventCount").asInt())
        .isZero();
  }

  private static String created(Api.Response response) {
    assertThat(response.status()).as(response.raw()).isEqualTo(202);
    return response.text("trackingNumber");
  }

  private static List<String> numbers(Api.Response page) {
    assertThat(page.status()).isEqualTo(200);
    var numbers = new ArrayList<String>();
    page.body().path("items").forEach(item -> numbers.add(item.path("trackingNumber").asString()));
    return numbers;
  }

  /** A well-formed tracking number that names no shipment. */
  private static String unknownNumber() {
    return TrackingNumber.generate(new Random()).value();
  }
}
