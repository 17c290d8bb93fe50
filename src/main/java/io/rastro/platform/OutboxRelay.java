package io.rastro.platform;

import io.rastro.platform.events.EventBusProperties;
import io.rastro.platform.events.RabbitEventPublisher;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Hands the outbox to its consumers, in order, each from its own cursor. Rows are taken in
 * transaction-id order and only below the oldest transaction still running (the snapshot's xmin),
 * so a transaction that took its id early and commits late is never skipped: the classic trap of
 * polling {@code id > last seen}. An advisory lock per consumer keeps two instances from relaying
 * to the same consumer at once.
 *
 * <p>With the embedded bus it relays to every consumer. With {@code rastro.events.bus=rabbitmq} it
 * relays only to the {@link RabbitEventPublisher}, and the other consumers take the events from the
 * bus.
 */
@Component
class OutboxRelay extends WorkerPool {

  private static final int BATCH = 1000;
  private static final Duration IDLE_POLL = Duration.ofMillis(10);

  private final JdbcClient jdbc;
  private final OutboxCursors cursors;
  private final TransactionTemplate transaction;
  private final List<OutboxConsumer> consumers;
  private final List<OutboxConsumer> targets;
  private final OutboxProperties properties;
  private final Clock clock;

  @Autowired
  OutboxRelay(
      JdbcClient jdbc,
      OutboxCursors cursors,
      TransactionTemplate transaction,
      List<OutboxConsumer> consumers,
      OutboxProperties properties,
      EventBusProperties bus,
      Clock clock) {
    this(jdbc, cursors, transaction, consumers, targets(consumers, bus.bus()), properties, clock);
  }

  private OutboxRelay(
      JdbcClient jdbc,
      OutboxCursors cursors,
      TransactionTemplate transaction,
      List<OutboxConsumer> consumers,
      List<OutboxConsumer> targets,
      OutboxProperties properties,
      Clock clock) {
    super("outbox-relay", targets.size());
    this.jdbc = jdbc;
    this.cursors = cursors;
    this.transaction = transaction;
    this.consumers = consumers;
    this.targets = targets;
    this.properties = properties;
    this.clock = clock;
  }

  private static List<OutboxConsumer> targets(
      List<OutboxConsumer> consumers, EventBusProperties.Bus bus) {
    return consumers.stream()
        .filter(
            c -> (c instanceof RabbitEventPublisher) == (bus == EventBusProperties.Bus.RABBITMQ))
        .toList();
  }

  /**
   * Gives every consumer a cursor before the first round. A new one starts from the oldest cursor
   * of the others: a bus added later does not publish the whole retained outbox again.
   */
  @Override
  public void start() {
    for (var consumer : consumers) {
      jdbc.sql(
              """
              insert into outbox_cursors (name, txid, position, written_at)
              select ?, coalesce(min(txid), '0'), coalesce(min(position), 0), min(written_at)
              from (select txid, position, written_at from outbox_cursors
                    order by txid, position limit 1) oldest
              on conflict (name) do nothing
              """)
          .param(consumer.name())
          .update();
    }
    super.start();
  }

  /** Deletes events past their retention that every consumer has applied, in slices. */
  @Scheduled(fixedDelayString = "PT1M", initialDelayString = "PT1M")
  void purge() {
    var names = consumers.stream().map(OutboxConsumer::name).toArray(String[]::new);
    var cutoff = Timestamp.from(clock.instant().minus(properties.retention()));
    int deleted;
    do {
      deleted =
          jdbc.sql(
                  """
                  delete from outbox where position in (
                      select o.position from outbox o
                      where o.occurred_at < ? and not exists (
                          select 1 from outbox_cursors c
                          where c.name = any (?) and (o.txid, o.position) > (c.txid, c.position))
                      limit 10000)
                  """)
              .params(cutoff, names)
              .update();
    } while (deleted == 10000);
  }

  /** Relays one batch to one consumer; when caught up, waits a moment. */
  @Override
  protected Round round(int worker) {
    var consumer = targets.get(worker);
    return () -> {
      var relayed = transaction.execute(status -> relayOnce(consumer));
      if (relayed == null || relayed < BATCH) {
        Thread.sleep(IDLE_POLL);
      }
    };
  }

  /** One batch, in the caller's transaction; returns how many rows it relayed. */
  int relayOnce(OutboxConsumer consumer) {
    if (!cursors.tryLock(consumer.name())) {
      return 0;
    }
    var rows =
        jdbc.sql(
                """
                select o.position, o.txid::text::bigint as txid, o.type, o.subject, o.occurred_at, o.data::text as data
                from outbox o
                where %s
                  and o.txid < pg_snapshot_xmin(pg_current_snapshot())
                order by o.txid, o.position
                limit ?
                """
                    .formatted(OutboxCursors.beyondCursor(consumer.name())))
            .param(BATCH)
            .query(
                (rs, n) ->
                    new OutboxConsumer.Record(
                        rs.getLong("txid"),
                        rs.getLong("position"),
                        rs.getString("type"),
                        rs.getString("subject"),
                        rs.getTimestamp("occurred_at").toInstant(),
                        rs.getString("data")))
            .list();
    if (!rows.isEmpty()) {
      consumer.apply(rows);
      var last = rows.getLast();
      cursors.advance(
          consumer.name(), last.txid(), last.position(), Timestamp.from(last.writtenAt()));
    }
    return rows.size();
  }
}
