package io.rastro.shipment;

import static org.assertj.core.api.Assertions.assertThat;

import io.rastro.support.Fixtures;
import io.rastro.support.IntegrationTest;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.Executors;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

class CreateShipmentIT extends IntegrationTest {

  @Test
  void acceptsAShipmentWithAValidTrackingNumber() {
    var body = fixtures.shipmentBody(fixtures.customer());
    body.put("carrierCode", fixtures.carrier().toLowerCase());
    body.put("weightKg", 2.5);
    body.put("promisedDeliveryDate", "2026-12-24");

    var response = api.post("/api/v1/shipments", body);

    assertThat(response.status()).isEqualTo(202);
    var trackingNumber = response.text("trackingNumber");
    assertThat(TrackingNumber.parse(trackingNumber, "t").value()).isEqualTo(trackingNumber);
    assertThat(response.text("status")).isEqualTo("PENDING");
    assertThat(response.location()).isEqualTo("/api/v1/shipments/" + trackingNumber);
  }

  @Test
  void aSecondCreateWithTheSameReferenceReturnsTheFirstShipment() {
    var body = fixtures.shipmentBody(fixtures.customer());
    body.put("reference", "ORDER-1001");
    var first = api.post("/api/v1/shipments", body);
    fixtures.awaitWritten();

    var second = api.post("/api/v1/shipments", body);

    assertThat(first.status()).isEqualTo(202);
    assertThat(second.status()).isEqualTo(200);
    assertThat(second.text("trackingNumber")).isEqualTo(first.text("trackingNumber"));
    assertThat(second.location()).isEqualTo(first.location());
    assertThat(second.body().has("status")).isFalse();
  }

  @Test
  void theSameReferenceUnderAnotherCustomerIsAnotherShipment() {
    var first = fixtures.shipmentBody(fixtures.customer());
    first.put("reference", "ORDER-1");
    var second = fixtures.shipmentBody(fixtures.customer());
    second.put("reference", "ORDER-1");

    assertThat(fixtures.shipment(first)).isNotEqualTo(fixtures.shipment(second));
  }

  @Test
  void concurrentCreatesWithTheSameReferenceMakeOneShipment() throws Exception {
    var customerId = fixtures.customer();
    var body = fixtures.shipmentBody(customerId);
    body.put("reference", "ORDER-RACE");
    Callable<String> create = () -> api.post("/api/v1/shipments", body).text("trackingNumber");
    try (var pool = Executors.newFixedThreadPool(8)) {
      var numbers =
          pool.invokeAll(IntStream.range(0, 8).mapToObj(i -> create).toList()).stream()
              .map(
                  f -> {
                    try {
                      return f.get();
                    } catch (Exception e) {
                      throw new IllegalStateException(e);
                    }
                  })
              .distinct()
              .toList();

      assertThat(numbers).hasSize(1);
    }
    fixtures.awaitWritten();
    assertThat(
            jdbc.sql("select count(*) from shipments where customer_id = ?::uuid")
                .param(customerId)
                .query(Long.class)
                .single())
        .isEqualTo(1);
  }

  @Test
  void anUnknownCustomerOrCarrierIs422AndWritesNothing() {
    var withCarrier = fixtures.shipmentBody(fixtures.customer());
    fixtures.awaitWritten();
    var shipments = count("shipments");
    var addresses = count("addresses");

    var unknownCustomer =
        api.post(
            "/api/v1/shipments", fixtures.shipmentBody("6f1c1b1e-8d7f-4a57-9b4a-000000000000"));
    withCarrier.put("carrierCode", "NOPE");
    var unknownCarrier = api.post("/api/v1/shipments", withCarrier);

    assertThat(unknownCustomer.status()).isEqualTo(422);
    assertThat(unknownCustomer.body().path("errors").findValuesAsString("field"))
        .containsExactly("customerId");
    assertThat(unknownCarrier.status()).isEqualTo(422);
    assertThat(unknownCarrier.body().path("errors").findValuesAsString("field"))
        .containsExactly("carrierCode");
    fixtures.awaitWritten();
    assertThat(count("shipments")).isEqualTo(shipments);
    assertThat(count("addresses")).isEqualTo(addresses);
  }

  @Test
  void badAddressesAre400NamingEachFieldAndWriteNothing() {
    var body = fixtures.shipmentBody(fixtures.customer());
    fixtures.awaitWritten();
    var shipments = count("shipments");
    body.put("origin", Fixtures.address("Madrid", "XX"));
    body.put(
        "destination",
        Map.of("line1", "Jr. Lampa 1", "city", "Lima", "country", "PE", "lat", 91.0, "lon", 0.0));
    body.put("weightKg", -1);

    var response = api.post("/api/v1/shipments", body);

    assertThat(response.status()).isEqualTo(400);
    assertThat(response.contentType()).startsWith("application/problem+json");
    assertThat(response.body().path("errors").findValuesAsString("field"))
        .containsExactlyInAnyOrder("origin.country", "destination.lat", "weightKg");
    fixtures.awaitWritten();
    assertThat(count("shipments")).isEqualTo(shipments);
  }

  @Test
  void aMissingDestinationOrCustomerIs400() {
    var response =
        api.post("/api/v1/shipments", Map.of("origin", Fixtures.address("Madrid", "ES")));

    assertThat(response.status()).isEqualTo(400);
    assertThat(response.body().path("errors").findValuesAsString("field"))
        .containsExactlyInAnyOrder("customerId", "destination");
  }
}
