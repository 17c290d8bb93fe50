package io.rastro.security;

import static io.rastro.support.Fixtures.event;
import static org.assertj.core.api.Assertions.assertThat;

import io.rastro.support.Api;
import io.rastro.support.IntegrationTest;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.Function;
import org.assertj.core.api.SoftAssertions;
import org.junit.jupiter.api.Test;

/**
 * Each role against each endpoint: what it may do it can, the rest is refused, {@code 401} without
 * a key and {@code 403} (or {@code 404} where the answer would reveal another tenant's data) with
 * one.
 */
class AccessControlIT extends IntegrationTest {

  /** The callers, in the order of the expected statuses below. */
  private static final List<String> CALLERS =
      List.of(
          "ADMIN", "OPERATOR", "SHIPPER", "other SHIPPER", "CARRIER", "other CARRIER", "public");

  private record Case(String what, Function<Api, Api.Response> call, int... expected) {}

  @Test
  void eachRoleMayDoWhatItsRoleAllowsAndNothingElse() {
    var customer = fixtures.customer();
    var otherCustomer = fixtures.customer();
    var carrier = fixtures.carrier();
    var otherCarrier = fixtures.carrier();
    var body = fixtures.shipmentBody(customer);
    body.put("carrierCode", carrier);
    var trackingNumber = fixtures.shipment(body);
    fixtures.refresh();

    var callers =
        Map.of(
            "ADMIN", api,
            "OPERATOR", api.as(fixtures.apiKey("OPERATOR", null, null)),
            "SHIPPER", api.as(fixtures.apiKey("SHIPPER", customer, null)),
            "other SHIPPER", api.as(fixtures.apiKey("SHIPPER", otherCustomer, null)),
            "CARRIER", api.as(fixtures.apiKey("CARRIER", null, carrier)),
            "other CARRIER", api.as(fixtures.apiKey("CARRIER", null, otherCarrier)),
            "public", api.as(null));
    var shipment = "/api/v1/shipments/" + trackingNumber;
    var cases =
        List.of(
            new Case(
                "register a customer",
                a -> a.post("/api/v1/customers", Map.of("name", "Eva", "email", "eva@example.es")),
                201,
                403,
                403,
                403,
                403,
                403,
                401),
            new Case(
                "read a customer",
                a -> a.get("/api/v1/customers/" + customer),
                200,
                200,
                200,
                404,
                403,
                403,
                401),
            new Case(
                "register a carrier",
                a -> a.post("/api/v1/carriers", Map.of("code", code(), "name", "Carrier")),
                201,
                403,
                403,
                403,
                403,
                403,
                401),
            new Case(
                "list carriers", a -> a.get("/api/v1/carriers"), 200, 200, 200, 200, 403, 403, 401),
            new Case(
                "create a shipment",
                a -> a.post("/api/v1/shipments", fixtures.shipmentBody(customer)),
                202,
                403,
                202,
                403,
                403,
                403,
                401),
            new Case("read a shipment", a -> a.get(shipment), 200, 200, 200, 404, 403, 403, 401),
            new Case(
                "list shipments",
                a -> a.get("/api/v1/shipments"),
                200,
                200,
                200,
                200,
                403,
                403,
                401),
            new Case(
                "record an event",
                a -> a.post(shipment + "/events", event(id(), "PICKED_UP", "2026-11-27T09:00:00Z")),
                202,
                403,
                403,
                403,
                202,
                404,
                401),
            new Case(
                "record a batch",
                a -> a.post("/api/v1/tracking-events", List.of(batchItem(trackingNumber))),
                202,
                403,
                403,
                403,
                202,
                202,
                401),
            new Case(
                "read the queue",
                a -> a.get("/api/v1/admin/ingest"),
                200,
                200,
                403,
                403,
                403,
                403,
                401),
            new Case(
                "refresh the read model",
                a -> a.post("/api/v1/admin/read-model/refresh", "{}"),
                200,
                403,
                403,
                403,
                403,
                403,
                401),
            new Case(
                "list API keys",
                a -> a.get("/api/v1/admin/api-keys"),
                200,
                403,
                403,
                403,
                403,
                403,
                401),
            new Case(
                "track publicly",
                a -> a.get("/api/v1/track/" + trackingNumber),
                200,
                200,
                200,
                200,
                200,
                200,
                200),
            new Case(
                "read analytics",
                a -> a.get("/api/v1/analytics/delivery-performance"),
                200,
                200,
                200,
                200,
                403,
                403,
                401),
            new Case(
                "check analytics",
                a -> a.get("/api/v1/admin/analytics/check"),
                200,
                200,
                403,
                403,
                403,
                403,
                401),
            new Case(
                "read metrics",
                a -> a.get("/actuator/prometheus"),
                200,
                200,
                403,
                403,
                403,
                403,
                401),
            new Case(
                "read health", a -> a.get("/actuator/health"), 200, 200, 200, 200, 200, 200, 200));

    var softly = new SoftAssertions();
    for (var c : cases) {
      for (int i = 0; i < CALLERS.size(); i++) {
        var response = c.call().apply(callers.get(CALLERS.get(i)));
        softly
            .assertThat(response.status())
            .as("%s as %s: %s", c.what(), CALLERS.get(i), response.raw())
            .isEqualTo(c.expected()[i]);
        if (response.status() >= 400) {
          softly
              .assertThat(response.contentType())
              .as("%s as %s", c.what(), CALLERS.get(i))
              .startsWith("application/problem+json");
        }
      }
    }
    softly.assertAll();
  }

  @Test
  void aBatchFromACarrierRefusesTheItemsForAnotherCarriersShipments() {
    var customer = fixtures.customer();
    var carrier = fixtures.carrier();
    var otherCarrier = fixtures.carrier();
    var mine = fixtures.shipmentBody(customer);
    mine.put("carrierCode", carrier);
    var theirs = fixtures.shipmentBody(customer);
    theirs.put("carrierCode", otherCarrier);
    var myShipment = fixtures.shipment(mine);
    var theirShipment = fixtures.shipment(theirs);
    fixtures.awaitWritten();
    var carrierApi = api.as(fixtures.apiKey("CARRIER", null, carrier));

    var response =
        carrierApi.post(
            "/api/v1/tracking-events", List.of(batchItem(myShipment), batchItem(theirShipment)));

    assertThat(response.status()).isEqualTo(202);
    assertThat(response.body().path("accepted").asInt()).isEqualTo(1);
    assertThat(response.body().path("rejected")).hasSize(1);
    assertThat(response.body().path("rejected").get(0).path("index").asInt()).isEqualTo(1);
    assertThat(response.body().path("rejected").get(0).path("detail").asString())
        .startsWith("trackingNumber: ");
    fixtures.refresh();
    assertThat(api.get("/api/v1/shipments/" + myShipment).body().path("eventCount").asInt())
        .isEqualTo(1);
    assertThat(api.get("/api/v1/shipments/" + theirShipment).body().path("eventCount").asInt())
        .isZero();
  }

  /** With no allowed origin configured, a browser gets no permission to read across origins. */
  @Test
  void everyAnswerCarriesSecurityHeadersAndNoCrossOriginAccess() {
    var response =
        api.send(
            "GET",
            "/api/v1/carriers",
            Map.of("Authorization", "Bearer " + Api.ADMIN_KEY, "Origin", "https://evil.example"),
            null);

    assertThat(response.headers().firstValue("X-Content-Type-Options")).contains("nosniff");
    assertThat(response.headers().firstValue("X-Frame-Options")).contains("DENY");
    assertThat(response.headers().firstValue("Content-Security-Policy")).isPresent();
    assertThat(response.headers().firstValue("Access-Control-Allow-Origin")).isEmpty();
    var preflight =
        api.send(
            "OPTIONS",
            "/api/v1/carriers",
            Map.of("Origin", "https://evil.example", "Access-Control-Request-Method", "GET"),
            null);
    assertThat(preflight.headers().firstValue("Access-Control-Allow-Origin")).isEmpty();
    assertThat(preflight.headers().firstValue("Access-Control-Allow-Methods")).isEmpty();
  }

  @Test
  void aMalformedOrUnknownKeyIsRefusedNeverServedAsThePublic() {
    var unknown = api.as("rastro_" + UUID.randomUUID()).get("/api/v1/track/RS0000000000000");
    var malformed =
        api.send(
            "GET", "/api/v1/carriers", Map.of("Authorization", "Basic YWRtaW46YWRtaW4="), null);

    assertThat(unknown.status()).isEqualTo(401);
    assertThat(unknown.headers().firstValue("WWW-Authenticate")).contains("Bearer");
    assertThat(unknown.body().path("errors").get(0).path("field").asString())
        .isEqualTo("Authorization");
    assertThat(malformed.status()).isEqualTo(401);
    assertThat(malformed.contentType()).startsWith("application/problem+json");
  }

  private static Map<String, Object> batchItem(String trackingNumber) {
    var item = new LinkedHashMap<String, Object>(event(id(), "IN_TRANSIT", "2026-11-27T12:00:00Z"));
    item.put("trackingNumber", trackingNumber);
    return item;
  }

  private static String id() {
    return "acl-" + UUID.randomUUID();
  }

  private static String code() {
    return "C" + UUID.randomUUID().toString().substring(0, 8).toUpperCase();
  }
}
