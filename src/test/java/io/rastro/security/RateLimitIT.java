package io.rastro.security;

import static org.assertj.core.api.Assertions.assertThat;

import io.rastro.support.Api;
import io.rastro.support.IntegrationTest;
import java.util.ArrayList;
import org.junit.jupiter.api.Test;
import org.springframework.test.context.TestPropertySource;

/** Over its limit, a key or a public client gets {@code 429} with {@code Retry-After}. */
@TestPropertySource(
    properties = {
      "rastro.security.rate-limit.key-per-second=1",
      "rastro.security.rate-limit.key-burst=5",
      "rastro.security.rate-limit.public-per-minute=1",
      "rastro.security.rate-limit.public-burst=3"
    })
class RateLimitIT extends IntegrationTest {

  @Test
  void aKeyOverItsLimitIsToldWhenToComeBack() {
    var operator = api.as(fixtures.apiKey("OPERATOR", null, null));
    var statuses = new ArrayList<Integer>();
    Api.Response last = null;
    for (int i = 0; i < 8; i++) {
      last = operator.get("/api/v1/carriers");
      statuses.add(last.status());
    }

    assertThat(statuses.subList(0, 5)).containsOnly(200);
    assertThat(statuses.subList(5, 8)).contains(429);
    assertThat(last.status()).isEqualTo(429);
    assertThat(last.contentType()).startsWith("application/problem+json");
    assertThat(last.headers().firstValue("Retry-After"))
        .hasValueSatisfying(v -> assertThat(Integer.parseInt(v)).isPositive());
    assertThat(api.get("/api/v1/carriers").status())
        .as("ADMIN keys are not limited")
        .isEqualTo(200);
  }

  @Test
  void aPublicClientOverItsLimitIsToldWhenToComeBack() {
    var trackingNumber = fixtures.shipment(fixtures.customer());
    var anonymous = api.as(null);
    var statuses = new ArrayList<Integer>();
    for (int i = 0; i < 5; i++) {
      statuses.add(anonymous.get("/api/v1/track/" + trackingNumber).status());
    }

    assertThat(statuses.subList(0, 3)).doesNotContain(429);
    assertThat(statuses.subList(3, 5)).containsOnly(429);
  }
}
