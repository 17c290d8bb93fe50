package io.rastro.support;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.rastro.shipment.NewShipment;
import io.rastro.shipment.ShipmentAddress;
import io.rastro.shipment.TrackingNumber;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.UUID;
import org.jspecify.annotations.Nullable;

/** Customers, carriers, shipments and events made through the API, as a user would make them. */
public final class Fixtures {

  private final Api api;

  public Fixtures(Api api) {
    this.api = api;
  }

  public String customer() {
    var response =
        api.post("/api/v1/customers", Map.of("name", "Ana Pérez", "email", "ana@example.es"));
    assertThat(response.status()).isEqualTo(201);
    return response.text("id");
  }

  /** A carrier with a fresh code. */
  public String carrier() {
    var code = "C" + UUID.randomUUID().toString().substring(0, 8).toUpperCase();
    var response = api.post("/api/v1/carriers", Map.of("code", code, "name", "Carrier " + code));
    assertThat(response.status()).isEqualTo(201);
    return code;
  }

  /** A new API key with this role, bound to a customer (SHIPPER) or a carrier (CARRIER). */
  public String apiKey(String role, @Nullable String customerId, @Nullable String carrierCode) {
    var body = new LinkedHashMap<String, Object>();
    body.put("role", role);
    body.put("name", role.toLowerCase() + " key for a test");
    if (customerId != null) {
      body.put("customerId", customerId);
    }
    if (carrierCode != null) {
      body.put("carrierCode", carrierCode);
    }
    var response = api.post("/api/v1/admin/api-keys", body);
    assertThat(response.status()).as(response.raw()).isEqualTo(201);
    return response.text("key");
  }

  public static Map<String, Object> address(String city, String country) {
    return Map.of(
        "line1", "Calle Mayor 1", "city", city, "postalCode", "28013", "country", country);
  }

  public Map<String, Object> shipmentBody(String customerId) {
    var body = new LinkedHashMap<String, Object>();
    body.put("customerId", customerId);
    body.put("origin", address("Madrid", "ES"));
    body.put("destination", address("Lima", "PE"));
    return body;
  }

  /** A new shipment of the customer; returns its tracking number. */
  public String shipment(String customerId) {
    return shipment(shipmentBody(customerId));
  }

  public String shipment(Map<String, Object> body) {
    var response = api.post("/api/v1/shipments", body);
    assertThat(response.status()).isEqualTo(202);
    return response.text("trackingNumber");
  }

  /** A shipment as the API queues it, for tests that put it on the queue themselves. */
  public static NewShipment queuedShipment(TrackingNumber trackingNumber, String customerId) {
    var address = new ShipmentAddress("Calle Mayor 1", "Madrid", null, "ES", null, null);
    return new NewShipment(
        trackingNumber,
        UUID.fromString(customerId),
        null,
        null,
        null,
        null,
        null,
        address,
        address,
        Instant.now());
  }

  public static Map<String, Object> event(String eventId, String status, String occurredAt) {
    var event = new LinkedHashMap<String, Object>();
    event.put("eventId", eventId);
    event.put("status", status);
    event.put("occurredAt", occurredAt);
    event.put("location", Map.of("city", "Madrid", "country", "ES"));
    return event;
  }

  public void record(String trackingNumber, Map<String, Object> event) {
    var response = api.post("/api/v1/shipments/" + trackingNumber + "/events", event);
    assertThat(response.status()).isEqualTo(202);
  }

  /**
   * Waits until the workers have written every accepted command: nothing waits, for long enough
   * that a broker's consumer is not still filling a batch.
   */
  public void awaitWritten() {
    await()
        .during(Duration.ofMillis(200))
        .atMost(Duration.ofSeconds(30))
        .pollInterval(Duration.ofMillis(20))
        .untilAsserted(
            () ->
                assertThat(api.get("/api/v1/admin/ingest").body().path("waiting").asLong())
                    .isZero());
  }

  /**
   * Brings the read model up to every accepted command: waits until they are written, then checks
   * the read model against a fresh recomputation from the write model (which refreshes the
   * materialized view and waits for the projection) and asserts that nothing differs.
   */
  public void refresh() {
    awaitWritten();
    var check = api.get("/api/v1/admin/read-model/check");
    assertThat(check.status()).isEqualTo(200);
    assertThat(check.body().path("differing").asLong()).as(check.raw()).isZero();
  }
}
