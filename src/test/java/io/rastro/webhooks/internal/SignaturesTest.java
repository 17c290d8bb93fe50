package io.rastro.webhooks.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.standardwebhooks.Webhook;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Signatures as an independent Standard Webhooks implementation verifies them. */
class SignaturesTest {

  private static final String BODY = "{\"city\":\"Logroño\",\"name\":\"Pérez\"}";

  @Test
  void eachSecretSignsTheIdTheTimestampAndTheBodysUtf8Bytes() {
    var first = Signatures.newSecret();
    var second = Signatures.newSecret();
    var timestamp = Instant.now().getEpochSecond();
    var header = Signatures.header(List.of(first, second), "msg_1", timestamp, BODY);

    assertThat(header.split(" ")).hasSize(2).allMatch(signature -> signature.startsWith("v1,"));
    for (var secret : List.of(first, second)) {
      assertThatCode(() -> new Webhook(secret).verify(BODY, headers("msg_1", timestamp, header)))
          .doesNotThrowAnyException();
    }
    assertThatThrownBy(
            () ->
                new Webhook(Signatures.newSecret())
                    .verify(BODY, headers("msg_1", timestamp, header)))
        .as("another secret's signature")
        .isNotNull();
    assertThatThrownBy(
            () -> new Webhook(first).verify(BODY + " ", headers("msg_1", timestamp, header)))
        .as("another body")
        .isNotNull();
  }

  private static Map<String, List<String>> headers(String id, long timestamp, String signature) {
    return Map.of(
        "webhook-id", List.of(id),
        "webhook-timestamp", List.of(Long.toString(timestamp)),
        "webhook-signature", List.of(signature));
  }
}
