package io.rastro.ingest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assumptions.assumeFalse;

import io.rastro.support.Load;
import io.rastro.support.RabbitNode;
import io.rastro.support.RastroProcess;
import io.rastro.support.Reliability;
import io.rastro.support.TestDatabase;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * RabbitMQ, carrying both the write queue and the event bus, stopped and started during ingest:
 * Rastro answers 503 while it is down, loses nothing it acknowledged, drains the backlog after, and
 * the projection catches up to equal the write model.
 */
class BrokerOutageIT {

  @BeforeAll
  static void once() {
    assumeFalse(TestDatabase.onServer(), "runs its own processes; once per build is enough");
  }

  @Test
  void refusesWhileTheBrokerIsDownAndLosesNothingAcknowledged() {
    try (var broker = RabbitNode.start()) {
      var dataDir = Path.of(TestDatabase.freshDirectory());
      var postgresPort = RastroProcess.freePort();
      var properties = new HashMap<>(RastroProcess.ownDatabase(dataDir, postgresPort));
      properties.put("rastro.ingest.queue", "rabbitmq");
      properties.put("rastro.events.bus", "rabbitmq");
      properties.put("spring.rabbitmq.port", String.valueOf(broker.port()));

      try (var rastro = RastroProcess.start("broker-outage", properties);
          var load =
              new Load(rastro.api(), Reliability.shipments(rastro.api(), 10), "outage-")
                  .start(2, 1)) {
        await().atMost(Duration.ofMinutes(1)).until(() -> load.acceptedCount() >= 2000);

        broker.down();
        await().atMost(Duration.ofMinutes(1)).until(() -> load.refused() > 0);
        var acceptedWhileDown = load.acceptedCount();
        broker.up();
        await()
            .atMost(Duration.ofMinutes(2))
            .until(() -> load.acceptedCount() >= acceptedWhileDown + 2000);
        load.stop();

        Reliability.awaitDrained(rastro.api());
        Reliability.assertWrittenOnce(
            "jdbc:postgresql://localhost:" + postgresPort + "/postgres",
            load.accepted(),
            "outage-");
        Reliability.assertProjectionEqualsWriteModel(rastro.api());
        assertThat(load.failed()).as("failures: %s", load.failures()).isZero();
      }
    }
  }
}
