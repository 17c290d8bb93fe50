package io.rastro.shipmentview;

import static io.rastro.support.Fixtures.event;
import static org.assertj.core.api.Assertions.assertThat;

import io.rastro.support.Api;
import io.rastro.support.IntegrationTest;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.TestPropertySource;

/** A client that sends a write's consistency token with its query reads that write. */
@TestPropertySource(properties = "rastro.read-model.max-wait=1s")
class ReadYourWritesIT extends IntegrationTest {

  @LocalServerPort int serverPort;

  private HttpResponse<String> get(String path, String token) throws Exception {
    return HttpClient.newBuilder()
        .version(HttpClient.Version.HTTP_1_1)
        .build()
        .send(
            HttpRequest.newBuilder(URI.create("http://localhost:" + serverPort + path))
                .header("X-Rastro-Min-Position", token)
                .header("Authorization", "Bearer " + Api.ADMIN_KEY)
                .build(),
            HttpResponse.BodyHandlers.ofString());
  }

  @Test
  void aQueryWithTheTokenOfAWriteSeesThatWrite() throws Exception {
    var created = api.post("/api/v1/shipments", fixtures.shipmentBody(fixtures.customer()));
    var trackingNumber = created.text("trackingNumber");

    var shipment = get("/api/v1/shipments/" + trackingNumber, created.text("consistencyToken"));
    var recorded =
        api.post(
            "/api/v1/shipments/" + trackingNumber + "/events",
            event("ryw-1", "PICKED_UP", "2026-11-28T10:00:00Z"));
    var withEvent = get("/api/v1/shipments/" + trackingNumber, recorded.text("consistencyToken"));

    assertThat(shipment.statusCode()).isEqualTo(200);
    assertThat(withEvent.statusCode()).isEqualTo(200);
    assertThat(withEvent.body()).contains("\"ryw-1\"").contains("\"status\":\"PICKED_UP\"");
  }

  @Test
  void aTokenTheReadModelNeverReachesIs503WithRetryAfterOnceTheWaitIsOver() throws Exception {
    var trackingNumber = fixtures.shipment(fixtures.customer());
    var recorded =
        api.post(
            "/api/v1/shipments/" + trackingNumber + "/events",
            event("real", "PICKED_UP", "2026-11-28T10:00:00Z"));
    var token = recorded.text("consistencyToken");
    var neverSent =
        io.rastro.outbox.ConsistencyToken.ofEvent(trackingNumber, "never-sent").encode();

    var answer = get("/api/v1/shipments/" + trackingNumber, neverSent);

    assertThat(token).isNotBlank();
    assertThat(answer.statusCode()).isEqualTo(503);
    assertThat(answer.headers().firstValue("Retry-After")).isPresent();
    assertThat(answer.headers().firstValue("Content-Type").orElse(""))
        .startsWith("application/problem+json");
  }

  @Test
  void aTokenRastroDidNotIssueIs400() throws Exception {
    var answer = get("/api/v1/shipments?limit=1", "not-a-token");

    assertThat(answer.statusCode()).isEqualTo(400);
    assertThat(answer.body()).contains("X-Rastro-Min-Position");
  }
}
