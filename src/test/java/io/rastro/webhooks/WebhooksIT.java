package io.rastro.webhooks;

import static io.rastro.support.Fixtures.event;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.awaitility.Awaitility.await;

import com.standardwebhooks.Webhook;
import io.rastro.support.Api;
import io.rastro.support.IntegrationTest;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.springframework.test.context.TestPropertySource;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** Webhooks end to end: registration, signed deliveries, scope, retries, redirects, rotation. */
@TestPropertySource(
    properties = {
      "rastro.webhooks.allow-private-targets=true",
      "rastro.webhooks.retry-delays=200ms,400ms,800ms",
      "rastro.webhooks.retry-every=1s"
    })
class WebhooksIT extends IntegrationTest {

  static final String RECORDED = "io.rastro.tracking.recorded.v1";
  static final Receiver RECEIVER = new Receiver();
  static final JsonMapper JSON = JsonMapper.builder().build();

  @AfterAll
  static void stop() {
    RECEIVER.close();
  }

  @Test
  void anEndpointGetsEachEventItAskedForSignedAndNothingOfAnotherCustomer() throws Exception {
    var mine = fixtures.customer();
    var theirs = fixtures.customer();
    var shipper = api.as(fixtures.apiKey("SHIPPER", mine, null));
    var created =
        shipper.post(
            "/api/v1/webhooks",
            Map.of(
                "url", RECEIVER.url("/mine"), "eventTypes", List.of(RECORDED), "description", "t"));
    assertThat(created.status()).as(created.raw()).isEqualTo(201);
    var secret = created.text("secret");
    assertThat(secret).startsWith("whsec_");
    var myShipment = fixtures.shipment(mine);
    var theirShipment = fixtures.shipment(theirs);
    fixtures.awaitWritten();
    fixtures.record(myShipment, event("wh-1", "PICKED_UP", "2026-11-27T09:00:00Z"));
    fixtures.record(myShipment, event("wh-2", "IN_TRANSIT", "2026-11-27T10:00:00Z"));
    fixtures.record(theirShipment, event("wh-3", "PICKED_UP", "2026-11-27T09:00:00Z"));

    await()
        .atMost(Duration.ofSeconds(20))
        .untilAsserted(() -> assertThat(RECEIVER.to("/mine")).hasSize(2));
    var verifier = new Webhook(secret);
    for (var request : RECEIVER.to("/mine")) {
      assertThatCode(() -> verifier.verify(request.body(), request.headers()))
          .doesNotThrowAnyException();
      var cloudEvent = JSON.readTree(request.body());
      assertThat(cloudEvent.path("type").asString()).isEqualTo(RECORDED);
      assertThat(cloudEvent.path("subject").asString()).isEqualTo(myShipment);
      assertThat(request.header("webhook-id")).startsWith("msg_");
    }
    // no other type, no other customer's event, even later
    fixtures.awaitWritten();
    assertThat(RECEIVER.to("/mine"))
        .extracting(r -> JSON.readTree(r.body()).path("data").path("eventId").asString())
        .containsExactlyInAnyOrder("wh-1", "wh-2");
    var log = shipper.get("/api/v1/webhooks/" + created.text("id") + "/deliveries").body();
    assertThat(log.size()).isEqualTo(2);
    assertThat(log.get(0).path("status").asString()).isEqualTo("delivered");
    assertThat(log.get(0).path("lastStatus").asInt()).isEqualTo(204);
  }

  @Test
  void aFailingEndpointIsRetriedWithTheSameIdUntilItAnswers() {
    RECEIVER.answer("/flaky", 503, 503, 200);
    var endpoint = register("/flaky");
    var number = fixtures.shipment(endpoint.customer());
    fixtures.awaitWritten();
    fixtures.record(number, event("retry-1", "PICKED_UP", "2026-11-27T09:00:00Z"));

    await()
        .atMost(Duration.ofSeconds(30))
        .untilAsserted(
            () -> {
              var log =
                  endpoint
                      .shipper()
                      .get("/api/v1/webhooks/" + endpoint.id() + "/deliveries")
                      .body();
              var delivery = only(log);
              assertThat(delivery.path("status").asString()).isEqualTo("delivered");
              assertThat(delivery.path("attempts").asInt()).isEqualTo(3);
            });
    var attempts =
        RECEIVER.to("/flaky").stream()
            .filter(r -> r.body().contains("retry-1"))
            .map(r -> r.header("webhook-id"))
            .toList();
    assertThat(attempts).hasSize(3).containsOnly(attempts.getFirst());
  }

  @Test
  void aRedirectIsNotFollowedAndA4xxIsNotRetried() {
    RECEIVER.answer("/moved", 302);
    RECEIVER.answer("/gone", 410);
    for (var endpoint : List.of(register("/moved"), register("/gone"))) {
      var number = fixtures.shipment(endpoint.customer());
      fixtures.awaitWritten();
      fixtures.record(number, event("redirect-1", "PICKED_UP", "2026-11-27T09:00:00Z"));
      await()
          .atMost(Duration.ofSeconds(20))
          .untilAsserted(
              () -> {
                var log =
                    endpoint
                        .shipper()
                        .get("/api/v1/webhooks/" + endpoint.id() + "/deliveries")
                        .body();
                var delivery = only(log);
                assertThat(delivery.path("status").asString()).isEqualTo("failed");
                assertThat(delivery.path("attempts").asInt()).isEqualTo(1);
              });
    }
    assertThat(RECEIVER.to("/elsewhere")).isEmpty();
  }

  @Test
  void afterARotationBothSecretsSign() throws Exception {
    var customer = fixtures.customer();
    var shipper = api.as(fixtures.apiKey("SHIPPER", customer, null));
    var created =
        shipper.post(
            "/api/v1/webhooks",
            Map.of("url", RECEIVER.url("/rotated"), "eventTypes", List.of(RECORDED)));
    var id = created.text("id");
    var old = created.text("secret");
    var rotated = shipper.post("/api/v1/webhooks/" + id + "/rotate-secret", "");
    assertThat(rotated.status()).isEqualTo(200);
    var fresh = rotated.text("secret");
    assertThat(fresh).isNotEqualTo(old).startsWith("whsec_");
    var number = fixtures.shipment(customer);
    fixtures.awaitWritten();
    fixtures.record(number, event("rotated-1", "PICKED_UP", "2026-11-27T09:00:00Z"));

    await()
        .atMost(Duration.ofSeconds(20))
        .untilAsserted(() -> assertThat(RECEIVER.to("/rotated")).isNotEmpty());
    var request = RECEIVER.to("/rotated").getFirst();
    assertThat(request.header("webhook-signature").split(" ")).hasSize(2);
    for (var secret : List.of(old, fresh)) {
      assertThatCode(() -> new Webhook(secret).verify(request.body(), request.headers()))
          .doesNotThrowAnyException();
    }
  }

  @Test
  void endpointsAreManagedByTheirOwnerAndBadInputIsRefused() {
    var mine = fixtures.customer();
    var shipper = api.as(fixtures.apiKey("SHIPPER", mine, null));
    var other = api.as(fixtures.apiKey("SHIPPER", fixtures.customer(), null));
    var id = shipper.post("/api/v1/webhooks", Map.of("url", RECEIVER.url("/managed"))).text("id");

    assertThat(other.get("/api/v1/webhooks/" + id).status()).isEqualTo(404);
    assertThat(other.get("/api/v1/webhooks").body().size()).isZero();
    var patched =
        shipper.send(
            "PATCH",
            "/api/v1/webhooks/" + id,
            Map.of("Content-Type", "application/json"),
            "{\"enabled\":false,\"eventTypes\":[\"" + RECORDED + "\"]}");
    assertThat(patched.status()).as(patched.raw()).isEqualTo(200);
    assertThat(patched.body().path("enabled").asBoolean()).isFalse();
    assertThat(patched.body().path("eventTypes").get(0).asString()).isEqualTo(RECORDED);
    // a disabled endpoint receives nothing, while an enabled one of the same customer does
    shipper.post("/api/v1/webhooks", Map.of("url", RECEIVER.url("/managed-too")));
    var number = fixtures.shipment(mine);
    fixtures.awaitWritten();
    fixtures.record(number, event("disabled-1", "PICKED_UP", "2026-11-27T09:00:00Z"));
    await()
        .atMost(Duration.ofSeconds(20))
        .until(
            () ->
                RECEIVER.to("/managed-too").stream()
                    .anyMatch(r -> r.body().contains("disabled-1")));
    assertThat(RECEIVER.to("/managed")).isEmpty();
    assertThat(shipper.get("/api/v1/webhooks/" + id + "/deliveries").body().size()).isZero();

    assertRefused(shipper.post("/api/v1/webhooks", Map.of("url", "ftp://example.com/x")), "url");
    assertRefused(shipper.post("/api/v1/webhooks", Map.of("url", "not a url")), "url");
    assertRefused(
        shipper.post(
            "/api/v1/webhooks",
            Map.of("url", RECEIVER.url("/x"), "eventTypes", List.of("io.rastro.nothing.v1"))),
        "eventTypes");
    var carrier = api.as(fixtures.apiKey("CARRIER", null, fixtures.carrier()));
    assertThat(carrier.get("/api/v1/webhooks").status()).isEqualTo(403);

    assertThat(shipper.delete("/api/v1/webhooks/" + id).status()).isEqualTo(204);
    assertThat(shipper.get("/api/v1/webhooks/" + id).status()).isEqualTo(404);
  }

  /** An endpoint of a shipper of its own, so that it receives this test's events only. */
  record Registered(String id, Api shipper, String customer) {}

  private Registered register(String path) {
    var customer = fixtures.customer();
    var shipper = api.as(fixtures.apiKey("SHIPPER", customer, null));
    var created =
        shipper.post(
            "/api/v1/webhooks", Map.of("url", RECEIVER.url(path), "eventTypes", List.of(RECORDED)));
    assertThat(created.status()).as(created.raw()).isEqualTo(201);
    return new Registered(created.text("id"), shipper, customer);
  }

  /** The one delivery in the log (the shipper's endpoint got one event). */
  private static JsonNode only(JsonNode log) {
    assertThat(log.size()).as(log.toString()).isEqualTo(1);
    return log.get(0);
  }

  private static void assertRefused(Api.Response response, String field) {
    assertThat(response.status()).as(response.raw()).isEqualTo(400);
    assertThat(response.raw()).contains("\"" + field + "\"");
  }
}
