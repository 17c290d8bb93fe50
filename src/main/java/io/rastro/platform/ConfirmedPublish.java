package io.rastro.platform;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.springframework.amqp.AmqpException;
import org.springframework.amqp.core.Message;
import org.springframework.amqp.rabbit.connection.CorrelationData;
import org.springframework.amqp.rabbit.core.RabbitTemplate;

/**
 * Publishes to RabbitMQ and returns only once the broker has confirmed every message and routed it
 * to a queue (the template publishes as mandatory, so an unroutable message comes back instead of
 * vanishing).
 */
public final class ConfirmedPublish {

  private static final Duration CONFIRM_TIMEOUT = Duration.ofSeconds(10);

  /** One message and where it goes. */
  public record Outgoing(String exchange, String routingKey, Message message) {}

  private ConfirmedPublish() {}

  /**
   * Sends the messages, then waits for every confirm.
   *
   * @throws AmqpException when the broker is unreachable, refuses or returns a message, or does not
   *     confirm in time; then any of them may or may not have been taken
   */
  public static void send(RabbitTemplate template, List<Outgoing> messages) {
    try {
      var confirms = new ArrayList<CorrelationData>(messages.size());
      for (var outgoing : messages) {
        var correlation = new CorrelationData();
        template.send(outgoing.exchange(), outgoing.routingKey(), outgoing.message(), correlation);
        confirms.add(correlation);
      }
      for (var correlation : confirms) {
        var confirm =
            correlation.getFuture().get(CONFIRM_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
        if (!confirm.ack()) {
          throw new AmqpException("RabbitMQ refused a message: " + confirm.reason());
        }
        if (correlation.getReturned() != null) {
          throw new AmqpException(
              "RabbitMQ could not route a message: " + correlation.getReturned().getReplyText());
        }
      }
    } catch (ExecutionException | TimeoutException e) {
      throw new AmqpException("RabbitMQ did not confirm a message", e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new AmqpException("Interrupted while waiting for RabbitMQ's confirms", e);
    }
  }
}
