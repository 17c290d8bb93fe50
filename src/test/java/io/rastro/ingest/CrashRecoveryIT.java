package io.rastro.ingest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assumptions.assumeFalse;

import io.rastro.support.Load;
import io.rastro.support.RastroProcess;
import io.rastro.support.Reliability;
import io.rastro.support.Services;
import io.rastro.support.TestDatabase;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * {@code kill -9} of Rastro in the middle of a sustained ingest, for each queue backend: after a
 * restart, every event that got a 202 is in the database exactly once, and the projection (fed by
 * the outbox relay, or by the RabbitMQ bus with the RabbitMQ queue) equals the write model, no
 * event missing or counted twice.
 */
class CrashRecoveryIT {

  @BeforeAll
  static void once() {
    assumeFalse(TestDatabase.onServer(), "runs its own processes; once per build is enough");
  }

  @ParameterizedTest(name = "{0}")
  @ValueSource(strings = {"embedded", "rabbitmq", "redis"})
  void everyAcknowledgedEventSurvivesAKill9(String backend) {
    switch (backend) {
      case "rabbitmq" -> Services.assumeReachable("RabbitMQ", "127.0.0.1", 5672);
      case "redis" -> Services.assumeReachable("Redis", "127.0.0.1", 6379);
      default -> {}
    }
    var dataDir = Path.of(TestDatabase.freshDirectory());
    var postgresPort = RastroProcess.freePort();
    var properties = new HashMap<>(RastroProcess.ownDatabase(dataDir, postgresPort));
    properties.put("rastro.ingest.queue", backend);
    properties.put("rastro.ingest.rabbitmq.queue", "rastro.ingest.crash-" + postgresPort);
    if (backend.equals("rabbitmq")) {
      // The projection then takes its events from the bus: a kill between publishing a batch
      // and moving the relay's cursor publishes it again, and the projection drops the copies.
      properties.put("rastro.events.bus", "rabbitmq");
      properties.put("rastro.events.exchange", "rastro.events.crash-" + postgresPort);
    }
    properties.put("rastro.ingest.redis.stream", "rastro:ingest:crash-" + postgresPort);
    properties.put("rastro.ingest.redis.claim-idle", "2s");
    // A bounded write rate keeps a backlog on the queue when the process dies.
    properties.put("rastro.ingest.max-write-rate", "1500");
    var prefix = "crash-" + backend + "-";

    Load load;
    try (var first = RastroProcess.start("crash-" + backend, properties)) {
      var shipments = Reliability.shipments(first.api(), 20);
      load = new Load(first.api(), shipments, prefix).start(4, 1);
      await().atMost(Duration.ofMinutes(2)).until(() -> load.acceptedCount() >= 5000);

      load.serverGoing();
      first.kill();
      load.stop();
    }

    try (var second = RastroProcess.start("crash-" + backend + "-restarted", properties)) {
      Reliability.awaitDrained(second.api());

      Reliability.assertWrittenOnce(
          "jdbc:postgresql://localhost:" + postgresPort + "/postgres", load.accepted(), prefix);
      Reliability.assertProjectionEqualsWriteModel(second.api());
      assertThat(load.failed()).as("failures: %s", load.failures()).isZero();
    }
  }
}
