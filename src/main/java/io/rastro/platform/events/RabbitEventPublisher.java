package io.rastro.platform.events;

import io.rastro.platform.ConfirmedPublish;
import io.rastro.platform.OutboxConsumer;
import java.util.ArrayList;
import java.util.Date;
import java.util.List;
import org.springframework.amqp.core.Message;
import org.springframework.amqp.core.MessageDeliveryMode;
import org.springframework.amqp.core.MessageProperties;
import org.springframework.amqp.rabbit.core.RabbitTemplate;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * Relays the outbox to the topic exchange, in order, and lets the relay advance its cursor only
 * once the broker has confirmed every event of the batch. A crash or a broker failure between
 * publishing and advancing the cursor publishes the batch again: at least once, and consumers drop
 * what they already have.
 */
public final class RabbitEventPublisher implements OutboxConsumer {

  /** Its cursor in {@code outbox_cursors}. */
  public static final String CURSOR = "event-bus";

  private final RabbitTemplate template;
  private final JdbcClient jdbc;
  private final CloudEventCodec codec;
  private final String exchange;

  RabbitEventPublisher(
      RabbitTemplate template, JdbcClient jdbc, CloudEventCodec codec, String exchange) {
    this.template = template;
    this.jdbc = jdbc;
    this.codec = codec;
    this.exchange = exchange;
  }

  @Override
  public String name() {
    return CURSOR;
  }

  @Override
  public void apply(List<Record> events) {
    var previous =
        jdbc.sql("select txid::text::bigint, position from outbox_cursors where name = ?")
            .param(CURSOR)
            .query((rs, n) -> new Mark(rs.getLong(1), rs.getLong(2)))
            .single();
    var outgoing = new ArrayList<ConfirmedPublish.Outgoing>(events.size());
    for (var event : events) {
      var type = EventType.named(event.type());
      var properties = new MessageProperties();
      properties.setDeliveryMode(MessageDeliveryMode.PERSISTENT);
      properties.setContentType(CloudEventCodec.CONTENT_TYPE);
      properties.setMessageId(Long.toString(event.position()));
      properties.setType(type.cloudEventType());
      properties.setTimestamp(Date.from(event.writtenAt()));
      outgoing.add(
          new ConfirmedPublish.Outgoing(
              exchange, type.routingKey, new Message(codec.write(event, previous), properties)));
      previous = new Mark(event.txid(), event.position());
    }
    ConfirmedPublish.send(template, outgoing);
  }
}
