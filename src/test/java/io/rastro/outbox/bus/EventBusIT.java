package io.rastro.outbox.bus;

import static io.rastro.support.Fixtures.event;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.rastro.support.IntegrationTest;
import io.rastro.support.Services;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.amqp.core.AmqpAdmin;
import org.springframework.amqp.core.Binding;
import org.springframework.amqp.core.BindingBuilder;
import org.springframework.amqp.core.Message;
import org.springframework.amqp.core.Queue;
import org.springframework.amqp.core.TopicExchange;
import org.springframework.amqp.rabbit.core.RabbitTemplate;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.test.context.TestPropertySource;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * With {@code rastro.events.bus=rabbitmq}: every write's events reach the topic exchange as
 * CloudEvents that any system can subscribe to, and the projection, fed from the same exchange,
 * equals the write model.
 */
@TestPropertySource(properties = "rastro.events.bus=rabbitmq")
class EventBusIT extends IntegrationTest {

  /** An exchange of this run's own: nothing another run left on the broker reaches it. */
  private static final String EXCHANGE = "rastro.events.it-" + UUID.randomUUID();

  @DynamicPropertySource
  static void exchange(DynamicPropertyRegistry properties) {
    properties.add("rastro.events.exchange", () -> EXCHANGE);
  }

  @Autowired RabbitTemplate rabbit;
  @Autowired AmqpAdmin admin;
  @Autowired JsonMapper json;

  @BeforeAll
  static void requireBroker() {
    Services.assumeReachable("RabbitMQ", "127.0.0.1", 5672);
  }

  @Test
  void aSubscriberGetsEveryEventAsACloudEventWithItsRoutingKey() {
    var queue = new Queue("it.subscriber." + UUID.randomUUID(), false, true, true);
    admin.declareQueue(queue);
    Binding binding = BindingBuilder.bind(queue).to(new TopicExchange(EXCHANGE)).with("shipment.#");
    admin.declareBinding(binding);
    admin.declareBinding(
        BindingBuilder.bind(queue).to(new TopicExchange(EXCHANGE)).with("tracking.*"));

    var trackingNumber = fixtures.shipment(fixtures.customer());
    fixtures.record(trackingNumber, event("bus-1", "PICKED_UP", "2026-11-27T09:00:00Z"));
    fixtures.awaitWritten(); // two status changes, not one from PENDING to DELIVERED
    fixtures.record(trackingNumber, event("bus-2", "DELIVERED", "2026-11-28T18:00:00Z"));

    var received = new ArrayList<Message>();
    await()
        .atMost(Duration.ofSeconds(30))
        .until(
            () -> {
              for (Message m; (m = rabbit.receive(queue.getName())) != null; ) {
                if (trackingNumber.equals(json.readTree(m.getBody()).path("subject").asString())) {
                  received.add(m);
                }
              }
              return received.size() >= 6;
            });

    assertThat(received.stream().map(m -> m.getMessageProperties().getReceivedRoutingKey()))
        .containsExactlyInAnyOrder(
            "shipment.created",
            "tracking.recorded",
            "tracking.recorded",
            "shipment.status-changed",
            "shipment.status-changed",
            "shipment.delivered");
    var created = envelope(received, "shipment.created");
    assertThat(created.path("specversion").asString()).isEqualTo("1.0");
    assertThat(created.path("type").asString()).isEqualTo("io.rastro.shipment.created.v1");
    assertThat(created.path("source").asString()).isEqualTo("/rastro");
    assertThat(created.path("id").asString()).isNotBlank();
    assertThat(created.path("time").asString()).isNotBlank();
    assertThat(created.path("datacontenttype").asString()).isEqualTo("application/json");
    assertThat(created.path("data").path("shipment").path("trackingNumber").asString())
        .isEqualTo(trackingNumber);
    assertThat(
            received.stream()
                .map(m -> json.readTree(m.getBody()).path("id").asString())
                .distinct()
                .count())
        .isEqualTo(6);
    var delivered = envelope(received, "shipment.delivered");
    assertThat(delivered.path("type").asString()).isEqualTo("io.rastro.shipment.delivered.v1");
    assertThat(received.getFirst().getMessageProperties().getContentType())
        .isEqualTo("application/cloudevents+json");
    admin.deleteQueue(queue.getName());
  }

  @Test
  void theProjectionFedFromTheBusEqualsTheWriteModel() {
    var customer = fixtures.customer();
    var numbers = new ArrayList<String>();
    for (int s = 0; s < 3; s++) {
      var trackingNumber = fixtures.shipment(customer);
      numbers.add(trackingNumber);
      fixtures.record(trackingNumber, event("p-2", "OUT_FOR_DELIVERY", "2026-11-28T07:00:00Z"));
      fixtures.record(trackingNumber, event("p-1", "PICKED_UP", "2026-11-27T09:00:00Z"));
    }

    fixtures.refresh();

    for (var trackingNumber : numbers) {
      var detail = api.get("/api/v1/shipments/" + trackingNumber).body();
      assertThat(detail.path("status").asString()).isEqualTo("OUT_FOR_DELIVERY");
      assertThat(detail.path("events")).hasSize(2);
    }
    var cursors =
        jdbc.sql(
                "select (select position from outbox_cursors where name = 'event-bus')"
                    + " - (select position from outbox_cursors where name = 'shipment-projection')")
            .query(Long.class)
            .single();
    assertThat(cursors).as("the projection has applied all the bus carried").isZero();
  }

  private JsonNode envelope(List<Message> messages, String routingKey) {
    return messages.stream()
        .filter(m -> m.getMessageProperties().getReceivedRoutingKey().equals(routingKey))
        .map(m -> json.readTree(m.getBody()))
        .findFirst()
        .orElseThrow();
  }
}
