package io.rastro.ingest.internal;

import io.github.bucket4j.Bandwidth;
import io.github.bucket4j.Bucket;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.DistributionSummary;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import io.rastro.ingest.IngestCommand;
import io.rastro.ingest.IngestProperties;
import io.rastro.platform.Failures;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.function.Function;
import java.util.function.Supplier;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * The one place where queued commands become writes, for every backend: a batch in one transaction,
 * at a bounded rate; when a batch fails for a reason that will repeat, each command alone, so that
 * one bad command (a poison message) neither blocks nor sinks the others; a command that fails
 * every attempt becomes a dead letter. A database outage is not such a reason: it is reported as
 * {@link TransientWriteFailure} and the backend keeps the whole batch.
 */
@Component
public class BatchWriter {

  private static final Logger log = LoggerFactory.getLogger(BatchWriter.class);

  private final IngestHandlers handlers;
  private final DeadLetters deadLetters;
  private final TransactionTemplate transaction;
  private final IngestProperties properties;
  private final Clock clock;
  private final @Nullable Bucket rate;
  private final Timer writeLatency;
  private final DistributionSummary batchSizes;
  private final Counter written;
  private final Counter dead;

  BatchWriter(
      IngestHandlers handlers,
      DeadLetters deadLetters,
      TransactionTemplate transaction,
      IngestProperties properties,
      Clock clock,
      MeterRegistry meters) {
    this.handlers = handlers;
    this.deadLetters = deadLetters;
    this.transaction = transaction;
    this.properties = properties;
    this.clock = clock;
    this.rate =
        properties.maxWriteRate() > 0
            ? Bucket.builder()
                .addLimit(
                    Bandwidth.builder()
                        .capacity(properties.maxWriteRate())
                        .refillGreedy(properties.maxWriteRate(), Duration.ofSeconds(1))
                        .build())
                .build()
            : null;
    this.writeLatency =
        Timer.builder("rastro.ingest.write")
            .description("From a command's acceptance to the commit of its write")
            .publishPercentileHistogram()
            .register(meters);
    this.batchSizes =
        DistributionSummary.builder("rastro.ingest.batch.size")
            .description("Commands written per transaction")
            .publishPercentileHistogram()
            .register(meters);
    this.written =
        Counter.builder("rastro.ingest.commands").tag("outcome", "written").register(meters);
    this.dead =
        Counter.builder("rastro.ingest.commands").tag("outcome", "dead-letter").register(meters);
  }

  /**
   * Writes one batch.
   *
   * @param claim takes the batch, inside the write's transaction (the embedded queue deletes its
   *     rows there, so that taking and writing commit together)
   * @param reclaim takes one item of the batch again, for a write of its own
   * @param command the command an item carries
   * @return how many items the batch had: 0 when the queue was empty
   * @throws TransientWriteFailure when the database is unreachable
   */
  public <T> int write(
      Supplier<List<T>> claim,
      Function<T, Optional<T>> reclaim,
      Function<T, IngestCommand> command) {
    List<T> batch;
    var claimed =
        new Object() {
          List<T> items = List.of();
        };
    try {
      batch =
          transaction.execute(
              status -> {
                claimed.items = claim.get();
                apply(claimed.items.stream().map(command).toList());
                return claimed.items;
              });
    } catch (RuntimeException e) {
      if (Failures.isTransient(e)) {
        throw new TransientWriteFailure(e);
      }
      log.warn("A batch of {} failed ({}); writing each alone", claimed.items.size(), e.toString());
      claimed.items.forEach(item -> writeAlone(item, reclaim, command));
      return claimed.items.size();
    }
    if (batch == null || batch.isEmpty()) {
      return 0;
    }
    var commands = batch.stream().map(command).toList();
    throttle(commands.size());
    record(commands);
    return batch.size();
  }

  private void apply(List<IngestCommand> commands) {
    if (!commands.isEmpty()) {
      handlers.apply(commands);
    }
  }

  private <T> void writeAlone(
      T item, Function<T, Optional<T>> reclaim, Function<T, IngestCommand> command) {
    RuntimeException last = null;
    for (int attempt = 1; attempt <= properties.maxAttempts(); attempt++) {
      try {
        var done =
            transaction.execute(
                status ->
                    reclaim
                        .apply(item)
                        .map(command)
                        .map(
                            c -> {
                              apply(List.of(c));
                              return c;
                            }));
        done.ifPresent(c -> record(List.of(c)));
        return;
      } catch (RuntimeException e) {
        if (Failures.isTransient(e)) {
          throw new TransientWriteFailure(e);
        }
        last = e;
      }
    }
    var failed = command.apply(item);
    var error = String.valueOf(last);
    log.error(
        "A {} command failed {} times and becomes a dead letter: {}",
        failed.type(),
        properties.maxAttempts(),
        error);
    transaction.executeWithoutResult(
        status ->
            reclaim
                .apply(item)
                .ifPresent(
                    c ->
                        deadLetters.add(
                            command.apply(c), properties.maxAttempts(), error, clock.instant())));
    dead.increment();
  }

  private void throttle(int commands) {
    if (rate != null) {
      try {
        rate.asBlocking().consume(Math.min(commands, properties.maxWriteRate()));
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
    }
  }

  private void record(List<IngestCommand> commands) {
    var now = clock.instant();
    commands.forEach(c -> writeLatency.record(Duration.between(c.acceptedAt(), now)));
    batchSizes.record(commands.size());
    written.increment(commands.size());
  }
}
