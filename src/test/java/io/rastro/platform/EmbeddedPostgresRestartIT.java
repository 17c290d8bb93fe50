package io.rastro.platform;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeFalse;

import io.rastro.RastroApplication;
import io.rastro.support.Api;
import io.rastro.support.OrphanedPostgres;
import io.rastro.support.TestDatabase;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.jdbc.core.simple.JdbcClient;

/** The one-command default keeps its data across restarts, even after a crash. */
class EmbeddedPostgresRestartIT {

  @BeforeAll
  static void embeddedOnly() {
    assumeFalse(TestDatabase.onServer(), "the machine's PostgreSQL has no embedded restart");
  }

  private static ConfigurableApplicationContext start(Path dataDir, String... arguments) {
    var args = new java.util.ArrayList<>(List.of(arguments));
    args.add("--rastro.security.bootstrap-admin-key=" + Api.ADMIN_KEY);
    return new SpringApplicationBuilder(RastroApplication.class)
        .properties(
            "rastro.data-dir=" + dataDir, "server.port=0", "rastro.read-model.refresh-interval=0")
        .run(args.toArray(String[]::new));
  }

  @Test
  void takesServerSettingsButKeepsCommitsDurable() {
    try (var rastro =
        start(
            Path.of(TestDatabase.freshDirectory()),
            "--rastro.embedded-postgres-settings[work_mem]=7MB",
            "--rastro.embedded-postgres-settings[fsync]=off")) {
      var jdbc = rastro.getBean(JdbcClient.class);

      assertThat(jdbc.sql("show work_mem").query(String.class).single()).isEqualTo("7MB");
      assertThat(jdbc.sql("show fsync").query(String.class).single()).isEqualTo("on");
    }
  }

  private static Api api(ConfigurableApplicationContext context) {
    return new Api(
        Integer.parseInt(context.getEnvironment().getProperty("local.server.port", "0")));
  }

  @Test
  void keepsCustomersAcrossARestart() {
    var dataDir = Path.of(TestDatabase.freshDirectory());
    String location;
    try (var first = start(dataDir)) {
      var created =
          api(first).post("/api/v1/customers", Map.of("name", "Rosa", "email", "rosa@example.es"));
      assertThat(created.status()).isEqualTo(201);
      location = created.location();
    }

    try (var second = start(dataDir)) {
      var read = api(second).get(location);

      assertThat(read.status()).isEqualTo(200);
      assertThat(read.text("name")).isEqualTo("Rosa");
    }
  }

  @Test
  void takesOverFromAnEmbeddedPostgresOrphanedByAKilledProcess() throws Exception {
    var dataDir = Path.of(TestDatabase.freshDirectory());
    var child =
        new ProcessBuilder(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-cp",
                System.getProperty("java.class.path"),
                OrphanedPostgres.class.getName(),
                dataDir.resolve("postgres").toString())
            .redirectErrorStream(true)
            .start();
    try (var output = new BufferedReader(new InputStreamReader(child.getInputStream()))) {
      String line;
      while ((line = output.readLine()) != null && !line.startsWith("READY")) {
        // the child's start-up log
      }
      assertThat(line).as("the child started PostgreSQL").startsWith("READY");
    }
    child.destroyForcibly();
    assertThat(child.waitFor(30, TimeUnit.SECONDS)).isTrue();
    var pidFile = dataDir.resolve("postgres").resolve("postmaster.pid");
    var orphan = Long.parseLong(Files.readAllLines(pidFile).getFirst().strip());
    assertThat(ProcessHandle.of(orphan).map(ProcessHandle::isAlive)).contains(true);

    try (var rastro = start(dataDir)) {
      assertThat(api(rastro).get("/actuator/health").text("status")).isEqualTo("UP");
      assertThat(ProcessHandle.of(orphan).map(ProcessHandle::isAlive).orElse(false)).isFalse();
    }
  }
}
