package io.rastro.security;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeFalse;

import io.rastro.RastroApplication;
import io.rastro.support.Api;
import io.rastro.support.TestDatabase;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * The one-command run with no key configured: Rastro creates the first ADMIN key, writes it to a
 * file only its owner can read, logs where (never the key), and does it once.
 */
@ExtendWith(OutputCaptureExtension.class)
class BootstrapAdminKeyIT {

  @BeforeAll
  static void embeddedOnly() {
    assumeFalse(TestDatabase.onServer(), "only the embedded default creates a first key");
  }

  private static ConfigurableApplicationContext start(Path dataDir) {
    return new SpringApplicationBuilder(RastroApplication.class)
        .properties(
            "rastro.data-dir=" + dataDir, "server.port=0", "rastro.read-model.refresh-interval=0")
        .run();
  }

  private static int port(ConfigurableApplicationContext context) {
    return Integer.parseInt(context.getEnvironment().getProperty("local.server.port", "0"));
  }

  @Test
  void theFirstStartWritesAnAdminKeyForItsOwnerOnly(CapturedOutput output) throws Exception {
    var dataDir = Path.of(TestDatabase.freshDirectory());
    var file = dataDir.resolve("admin-key");
    String key;
    try (var rastro = start(dataDir)) {
      assertThat(file).exists();
      assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(file)))
          .isEqualTo("rw-------");
      key = Files.readString(file).strip();
      var api = new Api(port(rastro)).as(key);
      assertThat(api.get("/api/v1/admin/api-keys").status()).isEqualTo(200);
      assertThat(api.as(null).get("/api/v1/admin/api-keys").status()).isEqualTo(401);
      assertThat(api.as(Api.ADMIN_KEY).get("/api/v1/admin/api-keys").status())
          .as("no bootstrap key is configured here")
          .isEqualTo(401);
    }
    assertThat(output.getAll()).contains(file.toString()).doesNotContain(key);

    try (var restarted = start(dataDir)) {
      assertThat(Files.readString(file).strip()).as("created once").isEqualTo(key);
      assertThat(new Api(port(restarted)).as(key).get("/api/v1/admin/api-keys").body()).hasSize(1);
    }
  }
}
