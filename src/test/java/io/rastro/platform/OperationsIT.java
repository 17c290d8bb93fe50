package io.rastro.platform;

import static org.assertj.core.api.Assertions.assertThat;

import io.rastro.support.IntegrationTest;
import org.junit.jupiter.api.Test;

class OperationsIT extends IntegrationTest {

  @Test
  void healthIsUpWithTheDatabase() {
    var health = api.get("/actuator/health");

    assertThat(health.status()).isEqualTo(200);
    assertThat(health.text("status")).isEqualTo("UP");
    assertThat(health.body().path("components").path("db").path("status").asString())
        .isEqualTo("UP");
  }

  @Test
  void prometheusShowsTheReadModelRefreshAndAge() {
    fixtures.refresh();

    var metrics = api.get("/actuator/prometheus");

    assertThat(metrics.status()).isEqualTo(200);
    assertThat(metrics.raw())
        .contains("rastro_read_model_refresh_seconds_count")
        .contains("rastro_read_model_age_seconds");
  }

  @Test
  void publishesAnOpenApiDocumentOfEveryEndpoint() {
    var document = api.get("/v3/api-docs");

    assertThat(document.status()).isEqualTo(200);
    assertThat(document.body().path("paths").propertyNames())
        .contains(
            "/api/v1/customers",
            "/api/v1/customers/{id}",
            "/api/v1/carriers",
            "/api/v1/shipments",
            "/api/v1/shipments/{trackingNumber}",
            "/api/v1/shipments/{trackingNumber}/events",
            "/api/v1/tracking-events",
            "/api/v1/admin/read-model/refresh");
    assertThat(api.get("/swagger-ui/index.html").status()).isEqualTo(200);
  }
}
