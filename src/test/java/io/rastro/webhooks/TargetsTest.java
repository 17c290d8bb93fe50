package io.rastro.webhooks;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.rastro.platform.InvalidRequestException;
import io.rastro.webhooks.internal.Targets;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Where a webhook may not go, unless private targets are allowed. */
class TargetsTest {

  @ParameterizedTest
  @ValueSource(
      strings = {
        "https://127.0.0.1/hook",
        "https://localhost/hook",
        "https://10.1.2.3/hook",
        "https://172.16.0.9/hook",
        "https://192.168.1.1/hook",
        "https://169.254.169.254/latest/meta-data",
        "https://[::1]/hook",
        "https://[fd00::1]/hook",
        "https://[fe80::1]/hook",
        "https://0.0.0.0/hook",
        "https://100.64.0.1/hook",
        "http://93.184.216.34/hook",
        "ftp://93.184.216.34/hook",
        "https://user:secret@93.184.216.34/hook"
      })
  void isRefusedUnlessPrivateTargetsAreAllowed(String url) {
    assertThatThrownBy(() -> Targets.check(url, false))
        .isInstanceOf(InvalidRequestException.class)
        .satisfies(
            e ->
                assertThat(((InvalidRequestException) e).errors().getFirst().field())
                    .isEqualTo("url"));
  }

  @ParameterizedTest
  @ValueSource(strings = {"https://93.184.216.34/hook", "https://[2606:4700::1111]/hook"})
  void aPublicAddressIsAccepted(String url) {
    assertThat(Targets.check(url, false).getHost()).isNotBlank();
  }

  @ParameterizedTest
  @ValueSource(strings = {"http://127.0.0.1:8081/hook", "https://10.1.2.3/hook"})
  void privateTargetsMayBeAllowed(String url) {
    assertThat(Targets.check(url, true).toString()).isEqualTo(url);
  }
}
