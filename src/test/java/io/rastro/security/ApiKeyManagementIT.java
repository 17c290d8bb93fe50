package io.rastro.security;

import static org.assertj.core.api.Assertions.assertThat;

import io.rastro.support.IntegrationTest;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/**
 * Keys are shown once, listed without the secret, checked for what they are bound to, and revoked
 * with effect on the very next request.
 */
class ApiKeyManagementIT extends IntegrationTest {

  @Test
  void aKeyIsShownOnceListedWithoutItsSecretAndRevokedAtOnce() throws Exception {
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
    assertThat(storedRow(id)).as("the stored row").doesNotContain(key).doesNotContain(hex(key));
    assertThat(storedHash(id)).as("only a SHA-256 hash is stored").isEqualTo(sha256(key));

    assertThat(api.delete("/api/v1/admin/api-keys/" + id).status()).isEqualTo(204);
    var refused = operator.get("/api/v1/carriers");
    assertThat(refused.status()).isEqualTo(401);
    assertThat(api.get("/api/v1/admin/api-keys").raw()).contains("\"revokedAt\"");
    assertThat(api.delete("/api/v1/admin/api-keys/" + UUID.randomUUID()).status()).isEqualTo(404);
  }

  /** Every column of a key's row as PostgreSQL prints it ({@code bytea} in hex). */
  private String storedRow(String id) {
    return jdbc.sql("select k::text from api_keys k where id = ?::uuid")
        .param(id)
        .query(String.class)
        .single();
  }

  private byte[] storedHash(String id) {
    return jdbc.sql("select key_hash from api_keys where id = ?::uuid")
        .param(id)
        .query(byte[].class)
        .single();
  }

  private static String hex(String text) {
    return HexFormat.of().formatHex(text.getBytes(StandardCharsets.UTF_8));
  }

  private static byte[] sha256(String text) throws NoSuchAlgorithmException {
    return MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8));
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
