package io.rastro.outbox.bus;

import com.rabbitmq.client.Channel;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.rastro.outbox.OutboxConsumer;
import io.rastro.outbox.OutboxCursors;
import io.rastro.platform.Backoff;
import io.rastro.platform.Failures;
import java.io.IOException;
import java.sql.Timestamp;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.amqp.core.Message;
import org.springframework.amqp.rabbit.listener.api.ChannelAwareBatchMessageListener;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Feeds one outbox consumer (the projection) from its queue on the bus, in batches, each applied in
 * one transaction and acknowledged after it commits. Redelivered events are dropped by the
 * consumer's own idempotency. The consumer's cursor in {@code outbox_cursors} advances only through
 * an unbroken chain of events (each names its predecessor), so that {@code asOf} never claims an
 * event that is still on its way: events that arrive after a gap wait in {@code outbox_pending}
 * until the gap is filled.
 */
final class BusSubscription implements ChannelAwareBatchMessageListener {

  private static final Logger log = LoggerFactory.getLogger(BusSubscription.class);

  private final OutboxConsumer consumer;
  private final CloudEventCodec codec;
  private final JdbcClient jdbc;
  private final OutboxCursors cursors;
  private final TransactionTemplate transaction;
  private final Counter malformed;
  private final Counter applied;
  private final @Nullable OutboxReplay replay;
  private @Nullable Mark lastSeen;
  private @Nullable String lastRefusal;
  private volatile boolean stopping;

  BusSubscription(
      OutboxConsumer consumer,
      CloudEventCodec codec,
      JdbcClient jdbc,
      OutboxCursors cursors,
      TransactionTemplate transaction,
      MeterRegistry meters,
      @Nullable OutboxReplay replay) {
    this.consumer = consumer;
    this.replay = replay;
    this.codec = codec;
    this.jdbc = jdbc;
    this.cursors = cursors;
    this.transaction = transaction;
    this.malformed =
        Counter.builder("rastro.events.malformed")
            .description("Messages on the bus that were not Rastro events, dropped")
            .tag("consumer", consumer.name())
            .register(meters);
    this.applied =
        Counter.builder("rastro.bus.events.applied")
            .description(
                "Events from the bus this process applied (of a group's processes, only the one"
                    + " RabbitMQ lets consume counts up)")
            .tag("consumer", consumer.name())
            .register(meters);
  }

  String consumerName() {
    return consumer.name();
  }

  /** Ends any retry in progress, leaving its batch unacknowledged for the next start. */
  void stop() {
    stopping = true;
  }

  @Override
  public void onMessageBatch(
      List<Message> messages,
      // Spring AMQP declares it @Nullable; with manual acknowledgement it always passes one.
      @SuppressWarnings("NullAway") Channel channel) {
    var events = new ArrayList<CloudEventCodec.Delivered>(messages.size());
    for (var message : messages) {
      try {
        events.add(codec.read(message.getBody()));
      } catch (IllegalArgumentException e) {
        malformed.increment();
        log.error("Dropped a message on the bus for {}: {}", consumer.name(), e.getMessage());
      }
    }
    try {
      var backoff = new Backoff();
      while (true) {
        try {
          transaction.executeWithoutResult(status -> apply(events));
          break;
        } catch (RuntimeException e) {
          if (stopping) {
            return;
          }
          if (Failures.isTransient(e)) {
            log.warn("{} paused: {}; retrying in {}", consumer.name(), e, backoff.current());
          } else {
            log.error("{} failed; retrying in {}", consumer.name(), backoff.current(), e);
          }
          backoff.pause();
        }
      }
      channel.basicAck(messages.getLast().getMessageProperties().getDeliveryTag(), true);
      applied.increment(messages.size());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    } catch (IOException e) {
      log.warn("Could not acknowledge {} applied events: {}", messages.size(), e.toString());
    }
  }

  @Override
  public void onMessageBatch(List<Message> messages) {
    throw new UnsupportedOperationException("needs the channel to acknowledge");
  }

  /**
   * Catches up from the ingest role's outbox (a query role only) when the bus alone cannot: when
   * events wait behind a gap (they came after events published before this queue existed), or when
   * the cursor has not moved since the last call (nothing came, though the outbox may hold events
   * that were published before). Applied page by page as the bus's batches are: the consumer's lock
   * keeps the two from applying at once, and what both bring is applied once.
   */
  void catchUp() {
    if (replay == null || stopping) {
      return;
    }
    var cursor = cursor();
    var stalled = cursor.equals(lastSeen);
    lastSeen = cursor;
    if (!stalled && !waitingBehindAGap()) {
      return;
    }
    try {
      while (!stopping) {
        var page = replay.after(cursor);
        if (page.isEmpty()) {
          break;
        }
        transaction.executeWithoutResult(status -> apply(page));
        log.info(
            "{} caught up on {} events from the ingest role's outbox",
            consumer.name(),
            page.size());
        var reached = cursor();
        if (page.size() < OutboxReplay.PAGE || !reached.after(cursor)) {
          break;
        }
        cursor = reached;
      }
      lastRefusal = null;
    } catch (OutboxReplay.Refused e) {
      var refusal = String.valueOf(e.getMessage());
      if (!refusal.equals(lastRefusal)) {
        log.warn("{} could not catch up: {}", consumer.name(), refusal);
      }
      lastRefusal = refusal;
    }
  }

  private Mark cursor() {
    return jdbc.sql("select txid::text::bigint, position from outbox_cursors where name = ?")
        .param(consumer.name())
        .query((rs, n) -> new Mark(rs.getLong(1), rs.getLong(2)))
        .single();
  }

  private boolean waitingBehindAGap() {
    return jdbc.sql("select exists (select 1 from outbox_pending where consumer = ?)")
        .param(consumer.name())
        .query(Boolean.class)
        .single();
  }

  /** Applies a batch in the caller's transaction and moves the cursor as far as it may. */
  void apply(List<CloudEventCodec.Delivered> events) {
    var name = consumer.name();
    // The same lock the embedded relay takes: a rebuild of the consumer holds it.
    cursors.lock(name);
    var cursor =
        jdbc.sql(
                "select txid::text::bigint, position from outbox_cursors where name = ? for update")
            .param(name)
            .query((rs, n) -> new Mark(rs.getLong(1), rs.getLong(2)))
            .single();
    var fresh = events.stream().filter(e -> e.mark().after(cursor)).toList();
    if (fresh.isEmpty()) {
      return;
    }
    var known =
        fresh.stream().map(CloudEventCodec.Delivered::event).filter(Objects::nonNull).toList();
    if (!known.isEmpty()) {
      consumer.apply(known);
    }
    jdbc.sql(
            """
            insert into outbox_pending (consumer, txid, position, previous_txid, previous_position, written_at)
            select ?, t::text::xid8, p, pt::text::xid8, pp, w
            from unnest(?::bigint[], ?::bigint[], ?::bigint[], ?::bigint[], ?::timestamptz[]) as u(t, p, pt, pp, w)
            on conflict do nothing
            """)
        .params(
            name,
            fresh.stream().map(e -> e.mark().txid()).toArray(Long[]::new),
            fresh.stream().map(e -> e.mark().position()).toArray(Long[]::new),
            fresh.stream().map(e -> e.previous().txid()).toArray(Long[]::new),
            fresh.stream().map(e -> e.previous().position()).toArray(Long[]::new),
            fresh.stream().map(e -> Timestamp.from(e.writtenAt())).toArray(Timestamp[]::new))
        .update();
    advance(name, cursor);
  }

  /** Moves the cursor along the chain of events received, as far as it is unbroken. */
  private void advance(String name, Mark cursor) {
    var pending =
        jdbc.sql(
                """
                select txid::text::bigint, position, previous_txid::text::bigint, previous_position, written_at
                from outbox_pending where consumer = ? order by txid, position
                """)
            .param(name)
            .query(
                (rs, n) ->
                    new Link(
                        new Mark(rs.getLong(1), rs.getLong(2)),
                        new Mark(rs.getLong(3), rs.getLong(4)),
                        rs.getTimestamp(5)))
            .list();
    Link last = null;
    var reached = cursor;
    for (var link : pending) {
      if (!link.mark().after(reached)) {
        continue;
      }
      if (link.previous().after(reached)) {
        break; // a gap: an event before this one has not arrived yet
      }
      reached = link.mark();
      last = link;
    }
    if (last == null) {
      return;
    }
    cursors.advance(name, reached.txid(), reached.position(), last.writtenAt());
  }

  private record Link(Mark mark, Mark previous, Timestamp writtenAt) {}
}
