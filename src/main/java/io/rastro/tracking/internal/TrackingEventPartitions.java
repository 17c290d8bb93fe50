package io.rastro.tracking.internal;

import java.time.Clock;
import java.time.Instant;
import java.time.YearMonth;
import java.time.ZoneOffset;
import java.util.Collection;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.TransactionDefinition;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Gives every month that holds tracking events its partition of {@code tracking_events}: made on
 * demand, in a transaction of its own, before the first event of that month is written, and
 * prepared ahead for the last month, this one and the next three (at start-up and every six hours).
 * There is no default partition.
 */
@Component
class TrackingEventPartitions {

  private static final Logger log = LoggerFactory.getLogger(TrackingEventPartitions.class);
  static final int MONTHS_BEHIND = 1;
  static final int MONTHS_AHEAD = 3;

  private final JdbcClient jdbc;
  private final Clock clock;
  private final TransactionTemplate ownTransaction;
  private final TrackingShards shards;
  private final Set<YearMonth> ready = ConcurrentHashMap.newKeySet();

  TrackingEventPartitions(
      JdbcClient jdbc,
      Clock clock,
      PlatformTransactionManager transactions,
      TrackingShards shards) {
    this.jdbc = jdbc;
    this.shards = shards;
    this.clock = clock;
    this.ownTransaction = new TransactionTemplate(transactions);
    this.ownTransaction.setPropagationBehavior(TransactionDefinition.PROPAGATION_REQUIRES_NEW);
  }

  @Scheduled(fixedDelayString = "PT6H")
  void prepare() {
    var thisMonth = YearMonth.now(clock.withZone(ZoneOffset.UTC));
    for (int month = -MONTHS_BEHIND; month <= MONTHS_AHEAD; month++) {
      var next = thisMonth.plusMonths(month);
      if (shards.writable(next)) {
        ensure(next);
      }
    }
  }

  /** Makes sure the months of these instants have their partitions; cheap once they have. */
  void ensureFor(Collection<Instant> occurredAts) {
    occurredAts.stream()
        .map(at -> YearMonth.from(at.atZone(ZoneOffset.UTC)))
        .distinct()
        .filter(month -> !ready.contains(month))
        .forEach(this::ensure);
  }

  /** Whether the events of this month can be written now (its shard, if any, answers). */
  boolean writable(Instant occurredAt) {
    return shards.writable(YearMonth.from(occurredAt.atZone(ZoneOffset.UTC)));
  }

  private void ensure(YearMonth month) {
    var shard = shards.properties().holding(month);
    if (shard.isPresent()) {
      shards.prepare(shard.get(), month);
    } else {
      ownTransaction.executeWithoutResult(
          status ->
              jdbc.sql("select ensure_tracking_events_partition(?)")
                  .param(TrackingShards.start(month))
                  .query(String.class)
                  .single());
    }
    ready.add(month);
    log.debug("Partition {} ready", TrackingShards.partition(month));
  }
}
