package io.rastro.outbox;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import io.rastro.platform.PipelineStep;
import io.rastro.platform.WorkerPool;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.stream.Collectors;
import java.util.stream.Stream;
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
 * <p>It relays to the {@link RelayTargets} the bus in use chose: with the embedded bus every
 * consumer, with {@code rastro.events.bus=rabbitmq} the publisher, and the consumers take the
 * events from the bus.
 */
@Component
class OutboxRelay extends WorkerPool {

  private static final int BATCH = 1000;
  private static final Duration IDLE_POLL = Duration.ofMillis(10);

  private final JdbcClient jdbc;
  private final OutboxCursors cursors;
  private final TransactionTemplate transaction;
  private final List<RelayTarget> targets;
  private final List<String> cursorNames;
  private final OutboxProperties properties;
  private final Clock clock;
  private final Map<String, Timer> relaying;

  OutboxRelay(
      JdbcClient jdbc,
      OutboxCursors cursors,
      TransactionTemplate transaction,
      List<OutboxConsumer> consumers,
      RelayTargets targets,
      OutboxProperties properties,
      Clock clock,
      MeterRegistry meters) {
    super("outbox-relay", targets.targets().size());
    this.jdbc = jdbc;
    this.cursors = cursors;
    this.transaction = transaction;
    this.targets = targets.targets();
    this.cursorNames =
        Stream.concat(
                consumers.stream().map(OutboxConsumer::name),
                this.targets.stream().map(RelayTarget::name))
            .distinct()
            .toList();
    this.properties = properties;
    this.clock = clock;
    this.relaying =
        this.targets.stream()
            .collect(
                Collectors.toMap(
                    RelayTarget::name, t -> PipelineStep.timer(meters, "relay." + t.name())));
  }

  /** Gives every consumer a cursor before the first round. */
  @Override
  public void start() {
    cursorNames.forEach(cursors::create);
    super.start();
  }

  /**
   * Deletes events past their retention that every consumer has applied, in slices, and notes the
   * newest it deleted ({@code outbox_purged}).
   */
  @Scheduled(fixedDelayString = "PT1M", initialDelayString = "PT1M")
  void purge() {
    var names = cursorNames.toArray(String[]::new);
    var cutoff = Timestamp.from(clock.instant().minus(properties.retention()));
    int deleted;
    do {
      deleted =
          jdbc.sql(
                  """
                  with gone as (
                      delete from outbox where position in (
                          select o.position from outbox o
                          where o.occurred_at < ? and not exists (
                              select 1 from outbox_cursors c
                              where c.name = any (?) and (o.txid, o.position) > (c.txid, c.position))
                          limit 10000)
                      returning txid, position),
                  newest as (select txid, position from gone order by txid desc, position desc limit 1),
                  noted as (
                      insert into outbox_purged (txid, position) select txid, position from newest
                      on conflict (single) do update set txid = excluded.txid, position = excluded.position
                      where (outbox_purged.txid, outbox_purged.position) < (excluded.txid, excluded.position))
                  select count(*)::int from gone
                  """)
              .params(cutoff, names)
              .query(Integer.class)
              .single();
    } while (deleted == 10000);
  }

  /** Relays one batch to one consumer; when caught up, waits a moment. */
  @Override
  protected Round round(int worker) {
    var target = targets.get(worker);
    return () -> {
      var relayed = transaction.execute(status -> relayOnce(target));
      if (relayed == null || relayed < BATCH) {
        Thread.sleep(IDLE_POLL);
      }
    };
  }

  /** One batch, in the caller's transaction; returns how many rows it relayed. */
  int relayOnce(RelayTarget target) {
    if (!cursors.tryLock(target.name())) {
      return 0;
    }
    var rows =
        jdbc.sql(
                """
                select %s
                from outbox o
                where %s
                  and o.txid < pg_snapshot_xmin(pg_current_snapshot())
                order by o.txid, o.position
                limit ?
                """
                    .formatted(OutboxRow.COLUMNS, OutboxCursors.beyondCursor(target.name())))
            .param(BATCH)
            .query((rs, n) -> OutboxRow.read(rs))
            .list();
    if (!rows.isEmpty()) {
      // Every target has its timer, made with the relay.
      Objects.requireNonNull(relaying.get(target.name())).record(() -> target.relay(rows));
      var last = rows.getLast();
      cursors.advance(
          target.name(), last.txid(), last.position(), Timestamp.from(last.writtenAt()));
    }
    return rows.size();
  }
}
