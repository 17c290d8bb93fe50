package io.rastro.ingest.embedded;

import io.rastro.ingest.IngestProperties;
import io.rastro.ingest.internal.Backoff;
import io.rastro.ingest.internal.BatchWriter;
import io.rastro.ingest.internal.TransientWriteFailure;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.context.SmartLifecycle;
import org.springframework.stereotype.Component;

/** The workers that drain the embedded queue into the write model. */
@Component
@ConditionalOnProperty(
    name = "rastro.ingest.queue",
    havingValue = "embedded",
    matchIfMissing = true)
class PostgresQueueWorkers implements SmartLifecycle {

  private static final Logger log = LoggerFactory.getLogger(PostgresQueueWorkers.class);
  private static final Duration IDLE_POLL = Duration.ofMillis(500);

  private final PostgresQueue queue;
  private final QueueSignal signal;
  private final BatchWriter writer;
  private final IngestProperties properties;
  private final List<Thread> threads = new ArrayList<>();
  private volatile boolean running;

  PostgresQueueWorkers(
      PostgresQueue queue, QueueSignal signal, BatchWriter writer, IngestProperties properties) {
    this.queue = queue;
    this.signal = signal;
    this.writer = writer;
    this.properties = properties;
  }

  @Override
  public void start() {
    running = true;
    for (int i = 0; i < properties.workers(); i++) {
      threads.add(Thread.ofPlatform().name("ingest-worker-" + i).start(this::work));
    }
  }

  @Override
  public void stop() {
    running = false;
    threads.forEach(Thread::interrupt);
    for (var thread : threads) {
      try {
        thread.join(Duration.ofSeconds(30));
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
    }
    threads.clear();
  }

  @Override
  public boolean isRunning() {
    return running;
  }

  private void work() {
    var backoff = new Backoff();
    while (running) {
      try {
        try {
          var taken =
              writer.write(
                  () -> queue.claim(properties.batchSize()),
                  queue::claim,
                  PostgresQueue.Row::command);
          backoff.reset();
          if (taken < properties.batchSize()) {
            signal.await(IDLE_POLL);
            Thread.sleep(properties.linger());
          }
        } catch (TransientWriteFailure e) {
          log.warn("Ingest paused: {}; retrying in {}", e.getCause().toString(), backoff.current());
          backoff.pause();
        } catch (RuntimeException e) {
          log.error("Ingest worker failed; retrying in {}", backoff.current(), e);
          backoff.pause();
        }
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        return;
      }
    }
  }
}
