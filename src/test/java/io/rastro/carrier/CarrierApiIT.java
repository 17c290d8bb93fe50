package io.rastro.carrier;

import static org.assertj.core.api.Assertions.assertThat;

import io.rastro.support.IntegrationTest;
import java.util.Map;
import org.junit.jupiter.api.Test;

class CarrierApiIT extends IntegrationTest {

  @Test
  void registersACarrierInUpperCaseAndListsIt() {
    var created = api.post("/api/v1/carriers", Map.of("code", "seur-es", "name", "SEUR"));

    assertThat(created.status()).isEqualTo(201);
    assertThat(created.text("code")).isEqualTo("SEUR-ES");
    var list = api.get("/api/v1/carriers");
    assertThat(list.status()).isEqualTo(200);
    assertThat(list.body().findValuesAsString("code")).contains("SEUR-ES");
  }

  @Test
  void refusesASecondCarrierWithTheSameCode() {
    var code = fixtures.carrier();

    var again = api.post("/api/v1/carriers", Map.of("code", code.toLowerCase(), "name", "Other"));

    assertThat(again.status()).isEqualTo(409);
    assertThat(again.contentType()).startsWith("application/problem+json");
    assertThat(api.get("/api/v1/carriers").body().findValuesAsString("code"))
        .containsOnlyOnce(code);
  }

  @Test
  void refusesACodeWithSpacesNamingTheField() {
    var response = api.post("/api/v1/carriers", Map.of("code", "d h l", "name", "DHL"));

    assertThat(response.status()).isEqualTo(400);
    assertThat(response.body().path("errors").findValuesAsString("field")).containsExactly("code");
  }
}
