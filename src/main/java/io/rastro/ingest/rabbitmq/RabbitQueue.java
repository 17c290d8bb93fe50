package io.rastro.ingest.rabbitmq;

import io.rastro.ingest.IngestCommand;
import io.rastro.ingest.IngestQueue;
import io.rastro.platform.ConfirmedPublish;
import io.rastro.platform.ServiceUnavailableException;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.atomic.AtomicLong;
import org.springframework.amqp.AmqpException;
import org.springframework.amqp.core.AmqpAdmin;
import org.springframework.amqp.core.Message;
import org.springframework.amqp.core.MessageDeliveryMode;
import org.springframework.amqp.core.MessageProperties;
import org.springframework.amqp.rabbit.core.RabbitTemplate;

/**
 * The RabbitMQ queue: a quorum queue (Raft-replicated, on disk), persistent messages, and a {@code
 * 202} only after the broker confirmed each message and none came back unroutable.
 */
class RabbitQueue implements IngestQueue {

  static final String TYPE_HEADER = "rastro-type";

  private final RabbitTemplate template;
  private final AmqpAdmin admin;
  private final String queue;
  private final AtomicLong inFlight = new AtomicLong();

  RabbitQueue(RabbitTemplate template, AmqpAdmin admin, String queue) {
    this.template = template;
    this.admin = admin;
    this.queue = queue;
  }

  @Override
  public void enqueue(List<IngestCommand> commands) {
    try {
      ConfirmedPublish.send(
          template,
          commands.stream()
              .map(command -> new ConfirmedPublish.Outgoing("", queue, message(command)))
              .toList());
    } catch (AmqpException e) {
      throw unavailable(e);
    }
  }

  private static ServiceUnavailableException unavailable(Exception e) {
    return new ServiceUnavailableException(
        "The queue (RabbitMQ) cannot take commands now; nothing was accepted",
        Duration.ofSeconds(5),
        e);
  }

  private static Message message(IngestCommand command) {
    var properties = new MessageProperties();
    properties.setDeliveryMode(MessageDeliveryMode.PERSISTENT);
    properties.setContentType(MessageProperties.CONTENT_TYPE_JSON);
    properties.setHeader(TYPE_HEADER, command.type());
    properties.setHeader("rastro-accepted-at", command.acceptedAt().toString());
    properties.setTimestamp(Date.from(command.acceptedAt()));
    return new Message(command.payload(), properties);
  }

  static IngestCommand command(Message message) {
    var properties = message.getMessageProperties();
    String acceptedAt = properties.getHeader("rastro-accepted-at");
    return new IngestCommand(
        Objects.requireNonNull(properties.<String>getHeader(TYPE_HEADER), "no " + TYPE_HEADER),
        message.getBody(),
        Instant.parse(acceptedAt));
  }

  /**
   * Counts messages this instance is writing. The broker counts only messages ready for delivery;
   * those a consumer holds while its batch fills (at most {@code rastro.ingest.linger}) are in
   * neither count.
   */
  void writing(int messages) {
    inFlight.addAndGet(messages);
  }

  void written(int messages) {
    inFlight.addAndGet(-messages);
  }

  @Override
  public Depth depth() {
    var info = admin.getQueueInfo(queue);
    if (info == null) {
      throw new AmqpException("RabbitMQ queue " + queue + " is missing or unreachable");
    }
    return new Depth(info.getMessageCount() + inFlight.get(), null);
  }

  @Override
  public String backend() {
    return "rabbitmq";
  }
}
