package io.rastro.outbox.bus;

import io.rastro.outbox.EventCatalog;
import io.rastro.outbox.OutboxRow;
import io.rastro.outbox.RelayTarget;
import io.rastro.platform.ConfirmedPublish;
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
final class RabbitEventPublisher implements RelayTarget {

  /** Its cursor in {@code outbox_cursors}. */
  static final String CURSOR = "event-bus";

  private final RabbitTemplate template;
  private final JdbcClient jdbc;
  private final CloudEventCodec codec;
  private final EventCatalog catalog;
  private final String exchange;

  RabbitEventPublisher(
      RabbitTemplate template,
      JdbcClient jdbc,
      CloudEventCodec codec,
      EventCatalog catalog,
      String exchange) {
    this.template = template;
    this.jdbc = jdbc;
    this.codec = codec;
    this.catalog = catalog;
    this.exchange = exchange;
  }

  @Override
  public String name() {
    return CURSOR;
  }

  @Override
  public void relay(List<OutboxRow> events) {
    var previous =
        jdbc.sql("select txid::text::bigint, position from outbox_cursors where name = ?")
            .param(CURSOR)
            .query((rs, n) -> new Mark(rs.getLong(1), rs.getLong(2)))
            .single();
    var outgoing = new ArrayList<ConfirmedPublish.Outgoing>(events.size());
    for (var event : events) {
      var type = catalog.named(event.type());
      var properties = new MessageProperties();
      properties.setDeliveryMode(MessageDeliveryMode.PERSISTENT);
      properties.setContentType(CloudEventCodec.CONTENT_TYPE);
      properties.setMessageId(Long.toString(event.position()));
      properties.setType(type.cloudEventType());
      properties.setTimestamp(Date.from(event.writtenAt()));
      outgoing.add(
          new ConfirmedPublish.Outgoing(
              exchange, type.routingKey(), new Message(codec.write(event, previous), properties)));
      previous = new Mark(event.txid(), event.position());
    }
    ConfirmedPublish.send(template, outgoing);
  }
}
