package io.rastro.ingest.embedded;

import io.rastro.ingest.IngestProperties;
import io.rastro.ingest.internal.BatchWriter;
import io.rastro.platform.WorkerPool;
import java.time.Duration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.stereotype.Component;

/** The workers that drain the embedded queue into the write model. */
@Component
@ConditionalOnProperty(
    name = "rastro.ingest.queue",
    havingValue = "embedded",
    matchIfMissing = true)
class PostgresQueueWorkers extends WorkerPool {

  private static final Duration IDLE_POLL = Duration.ofMillis(500);

  private final PostgresQueue queue;
  private final ClaimFloor floor;
  private final QueueSignal signal;
  private final BatchWriter writer;
  private final IngestProperties properties;

  PostgresQueueWorkers(
      PostgresQueue queue,
      ClaimFloor floor,
      QueueSignal signal,
      BatchWriter writer,
      IngestProperties properties) {
    super("ingest-worker", properties.workers());
    this.queue = queue;
    this.floor = floor;
    this.signal = signal;
    this.writer = writer;
    this.properties = properties;
  }

  /** Writes the oldest waiting batch; after a partial one, waits for more to arrive. */
  @Override
  protected Round round(int worker) {
    return () -> {
      floor.advanceIfDue();
      var taken =
          writer.write(
              () -> queue.claim(properties.batchSize()), queue::claim, PostgresQueue.Row::command);
      if (taken < properties.batchSize()) {
        signal.await(IDLE_POLL);
        Thread.sleep(properties.linger());
      }
    };
  }
}
