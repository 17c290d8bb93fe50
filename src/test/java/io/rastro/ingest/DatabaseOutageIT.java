package io.rastro.ingest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assumptions.assumeFalse;

import io.rastro.support.Load;
import io.rastro.support.RastroProcess;
import io.rastro.support.Reliability;
import io.rastro.support.Services;
import io.rastro.support.TestDatabase;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * PostgreSQL stopped and started during ingest, with the queue on Redis: events keep being
 * accepted, workers wait it out, and the backlog drains after, nothing lost or doubled.
 */
class DatabaseOutageIT {

  @BeforeAll
  static void once() {
    assumeFalse(TestDatabase.onServer(), "runs its own processes; once per build is enough");
    Services.assumeReachable("Redis", "127.0.0.1", 6379);
  }

  private static EmbeddedPostgres database(Path directory, int port) throws IOException {
    return EmbeddedPostgres.builder()
        .setDataDirectory(directory)
        .setCleanDataDirectory(false)
        .setPort(port)
        .start();
  }

  @Test
  void keepsAcceptingWhileTheDatabaseIsDownAndWritesEverythingAfter() throws IOException {
    var directory = Path.of(TestDatabase.freshDirectory());
    var port = RastroProcess.freePort();
    var url = "jdbc:postgresql://localhost:" + port + "/postgres";
    var database = database(directory, port);
    try {
      var properties =
          Map.of(
              "spring.datasource.url", url,
              "spring.datasource.username", "postgres",
              "spring.datasource.hikari.connection-timeout", "2000",
              "rastro.ingest.queue", "redis",
              "rastro.ingest.redis.stream", "rastro:ingest:db-outage-" + port,
              "rastro.read-model.refresh-interval", "0");
      try (var rastro = RastroProcess.start("database-outage", properties);
          var load =
              new Load(rastro.api(), Reliability.shipments(rastro.api(), 10), "db-outage-")
                  .start(2, 1)) {
        await().atMost(Duration.ofMinutes(1)).until(() -> load.acceptedCount() >= 1000);

        database.close();
        var acceptedWhenDown = load.acceptedCount();
        await()
            .atMost(Duration.ofMinutes(1))
            .until(() -> load.acceptedCount() >= acceptedWhenDown + 2000);
        database = database(directory, port);
        load.stop();

        Reliability.awaitDrained(rastro.api());
        Reliability.assertWrittenOnce(url, load.accepted(), "db-outage-");
        Reliability.assertProjectionEqualsWriteModel(rastro.api());
        assertThat(load.refused()).isZero();
        assertThat(load.failed()).as("failures: %s", load.failures()).isZero();
      }
    } finally {
      database.close();
    }
  }
}
