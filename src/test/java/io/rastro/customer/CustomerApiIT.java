package io.rastro.customer;

import static org.assertj.core.api.Assertions.assertThat;

import io.rastro.support.IntegrationTest;
import java.util.Map;
import org.junit.jupiter.api.Test;

class CustomerApiIT extends IntegrationTest {

  @Test
  void registersACustomerAndReadsItBack() {
    var created =
        api.post(
            "/api/v1/customers",
            Map.of(
                "name", "Lucía Gómez", "email", "lucia@example.mx", "phone", "+52 55 1234 5678"));

    assertThat(created.status()).isEqualTo(201);
    assertThat(created.location()).isEqualTo("/api/v1/customers/" + created.text("id"));
    var read = api.get(created.location());
    assertThat(read.status()).isEqualTo(200);
    assertThat(read.text("name")).isEqualTo("Lucía Gómez");
    assertThat(read.text("email")).isEqualTo("lucia@example.mx");
    assertThat(read.text("phone")).isEqualTo("+52 55 1234 5678");
    assertThat(read.text("createdAt")).isNotBlank();
  }

  @Test
  void refusesABlankNameAndABadEmailNamingBothFieldsAndStoresNothing() {
    var before = count("customers");

    var response = api.post("/api/v1/customers", Map.of("name", " ", "email", "not-an-email"));

    assertThat(response.status()).isEqualTo(400);
    assertThat(response.contentType()).startsWith("application/problem+json");
    assertThat(response.body().path("errors").findValuesAsString("field"))
        .containsExactlyInAnyOrder("name", "email");
    assertThat(count("customers")).isEqualTo(before);
  }

  @Test
  void answersMalformedJsonWithAProblem() {
    var response = api.post("/api/v1/customers", "{\"name\": ");

    assertThat(response.status()).isEqualTo(400);
    assertThat(response.contentType()).startsWith("application/problem+json");
    assertThat(response.text("detail")).contains("malformed JSON");
  }

  @Test
  void answers404ForAnUnknownCustomerAnd400ForAMalformedId() {
    var unknown = api.get("/api/v1/customers/6f1c1b1e-8d7f-4a57-9b4a-000000000000");
    var malformed = api.get("/api/v1/customers/42");

    assertThat(unknown.status()).isEqualTo(404);
    assertThat(unknown.contentType()).startsWith("application/problem+json");
    assertThat(malformed.status()).isEqualTo(400);
    assertThat(malformed.body().path("errors").findValuesAsString("field")).containsExactly("id");
  }
}
