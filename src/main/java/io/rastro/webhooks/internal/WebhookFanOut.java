package io.rastro.webhooks.internal;

import io.rastro.outbox.EventCatalog;
import io.rastro.outbox.OutboxConsumer;
import io.rastro.outbox.OutboxFeed;
import io.rastro.outbox.PublishedEvent;
import io.rastro.webhooks.WebhookProperties;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionSynchronization;
import org.springframework.transaction.support.TransactionSynchronizationManager;

/**
 * The webhooks consumer of the outbox: turns each event into a delivery per endpoint that wants it,
 * in the transaction that moves its cursor, so each is made exactly once; the senders take it from
 * there. Its body is the CloudEvent the bus carries; only events some enabled endpoint wants are
 * encoded into one.
 */
@Component
class WebhookFanOut implements OutboxConsumer {

  private final OutboxFeed feed;
  private final EventCatalog catalog;
  private final WebhookEndpoints endpoints;
  private final Deliveries deliveries;
  private final WebhookSender sender;
  private final JdbcClient jdbc;
  private final Clock clock;

  WebhookFanOut(
      OutboxFeed feed,
      EventCatalog catalog,
      WebhookEndpoints endpoints,
      Deliveries deliveries,
      WebhookSender sender,
      JdbcClient jdbc,
      Clock clock) {
    this.feed = feed;
    this.catalog = catalog;
    this.endpoints = endpoints;
    this.deliveries = deliveries;
    this.sender = sender;
    this.jdbc = jdbc;
    this.clock = clock;
  }

  @Override
  public String name() {
    return WebhookProperties.CURSOR;
  }

  @Override
  public void apply(List<PublishedEvent> events) {
    var wanted = endpoints.wantedTypes();
    if (wanted.isEmpty()) {
      return; // no endpoint wants anything: nothing to encode
    }
    // The cursor still stands on the event relayed just before this batch.
    var previous =
        jdbc.sql("select txid::text || '-' || position from outbox_cursors where name = ?")
            .param(WebhookProperties.CURSOR)
            .query(String.class)
            .optional()
            .orElse("0-0");
    var entries = new ArrayList<OutboxFeed.Entry>(events.size());
    for (var event : events) {
      var eventType = catalog.typeOf(event.event());
      var type = eventType.cloudEventType();
      if (!eventType.internal()
          && (wanted.contains(WebhookEndpoints.EVERY_TYPE) || wanted.contains(type))) {
        entries.add(feed.entry(event, previous));
      }
      previous = feed.position(event);
    }
    if (deliveries.fanOut(entries, clock.instant()) > 0) {
      wakeSenderAfterCommit();
    }
  }

  /** The sender claims the new deliveries as soon as they are visible, not at its next poll. */
  private void wakeSenderAfterCommit() {
    if (!TransactionSynchronizationManager.isSynchronizationActive()) {
      sender.wake();
      return;
    }
    TransactionSynchronizationManager.registerSynchronization(
        new TransactionSynchronization() {
          @Override
          public void afterCommit() {
            sender.wake();
          }
        });
  }
}
