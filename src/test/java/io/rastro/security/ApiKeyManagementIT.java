package io.rastro.security;

import static org.assertj.core.api.Assertions.assertThat;

import io.rastro.support.IntegrationTest;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/**
 * Keys are shown once, listed without the secret, checked for what they are bound to, and revoked
 * with effect on the very next request.
 */
class ApiKeyManagementIT extends IntegrationTest {

  @Test
  void aKeyIsShownOnceListedWithoutItsSecretAndRevokedAtOnce() {
    var created =
        api.post("/api/v1/admin/api-keys", Map.of("role", "OPERATOR", "name", "night shift"));
    assertThat(created.status()).isEqualTo(201);
    var key = created.text("key");
    var id = created.text("id");
    assertThat(key).startsWith("rastro_").hasSizeGreaterThan(40);
    assertThat(created.location()).endsWith("/api/v1/admin/api-keys/" + id);
    var operator = api.as(key);
    assertThat(operator.get("/api/v1/carriers").status()).isEqualTo(200);

    var listed = api.get("/api/v1/admin/api-keys");
    assertThat(listed.raw()).contains(id).contains(key.substring(0, 13)).doesNotContain(key);
    assertThat(
            jdbc.sql("select count(*) from api_keys where key_hash::text like ?")
                .param("%" + key + "%")
                .query(Long.class)
                .single())
        .as("only a hash is stored")
        .isZero();

    assertThat(api.delete("/api/v1/admin/api-keys/" + id).status()).isEqualTo(204);
    var refused = operator.get("/api/v1/carriers");
    assertThat(refused.status()).isEqualTo(401);
    assertThat(api.get("/api/v1/admin/api-keys").raw()).contains("\"revokedAt\"");
    assertThat(api.delete("/api/v1/admin/api-keys/" + UUID.randomUUID()).status()).isEqualTo(404);
  }

  @Test
  void aKeyMustBeBoundToWhatItsRoleNeedsAndToSomethingThatExists() {
    var before = count("api_keys");
    var noCustomer = api.post("/api/v1/admin/api-keys", Map.of("role", "SHIPPER", "name", "x"));
    var unknownCustomer =
        api.post(
            "/api/v1/admin/api-keys",
            Map.of("role", "SHIPPER", "name", "x", "customerId", UUID.randomUUID().toString()));
    var adminWithCarrier =
        api.post(
            "/api/v1/admin/api-keys",
            Map.of("role", "ADMIN", "name", "x", "carrierCode", fixtures.carrier()));
    var unknownRole = api.post("/api/v1/admin/api-keys", Map.of("role", "ROOT", "name", "x"));
    var unknownCarrier =
        api.post(
            "/api/v1/admin/api-keys",
            Map.of("role", "CARRIER", "name", "x", "carrierCode", "NOPE"));

    assertThat(noCustomer.status()).isEqualTo(400);
    assertThat(noCustomer.body().path("errors").get(0).path("field").asString())
        .isEqualTo("customerId");
    assertThat(unknownCustomer.status()).isEqualTo(422);
    assertThat(adminWithCarrier.status()).isEqualTo(400);
    assertThat(adminWithCarrier.body().path("errors").get(0).path("field").asString())
        .isEqualTo("carrierCode");
    assertThat(unknownRole.status()).isEqualTo(400);
    assertThat(unknownRole.body().path("errors").get(0).path("field").asString()).isEqualTo("role");
    assertThat(unknownCarrier.status()).isEqualTo(422);
    assertThat(count("api_keys")).isEqualTo(before);
  }
}
