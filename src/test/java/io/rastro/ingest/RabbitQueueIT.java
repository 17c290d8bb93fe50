package io.rastro.ingest;

import io.rastro.support.Services;
import org.junit.jupiter.api.BeforeAll;
import org.springframework.test.context.TestPropertySource;

@TestPropertySource(
    properties = {"rastro.ingest.queue=rabbitmq", "rastro.ingest.rabbitmq.queue=rastro.ingest.it"})
class RabbitQueueIT extends QueueContract {

  @BeforeAll
  static void rabbitmq() {
    Services.assumeReachable("RabbitMQ", "127.0.0.1", 5672);
  }

  @Override
  String backend() {
    return "rabbitmq";
  }
}
