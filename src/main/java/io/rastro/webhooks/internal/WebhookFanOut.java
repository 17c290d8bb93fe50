package io.rastro.webhooks.internal;

import io.rastro.outbox.OutboxConsumer;
import io.rastro.outbox.OutboxFeed;
import io.rastro.outbox.PublishedEvent;
import io.rastro.webhooks.WebhookProperties;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * The webhooks consumer of the outbox: turns each event into a delivery per endpoint that wants it,
 * in the transaction that moves its cursor, so each is made exactly once; the senders take it from
 * there. Its body is the CloudEvent the bus carries.
 */
@Component
class WebhookFanOut implements OutboxConsumer {

  private final OutboxFeed feed;
  private final Deliveries deliveries;
  private final JdbcClient jdbc;
  private final Clock clock;

  WebhookFanOut(OutboxFeed feed, Deliveries deliveries, JdbcClient jdbc, Clock clock) {
    this.feed = feed;
    this.deliveries = deliveries;
    this.jdbc = jdbc;
    this.clock = clock;
  }

  @Override
  public String name() {
    return WebhookProperties.CURSOR;
  }

  @Override
  public void apply(List<PublishedEvent> events) {
    // The cursor still stands on the event relayed just before this batch.
    var previous =
        jdbc.sql("select txid::text || '-' || position from outbox_cursors where name = ?")
            .param(WebhookProperties.CURSOR)
            .query(String.class)
            .optional()
            .orElse("0-0");
    var entries = new ArrayList<OutboxFeed.Entry>(events.size());
    for (var event : events) {
      var entry = feed.entry(event, previous);
      entries.add(entry);
      previous = entry.position();
    }
    deliveries.fanOut(entries, clock.instant());
  }
}
