package io.rastro.platform;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.SmartLifecycle;

/**
 * Worker threads that repeat a round (take a batch, write it) while Rastro runs, and wait with
 * {@link Backoff} after a failure: a passing one (the database or a broker is down, see {@link
 * Failures}) is logged as a warning, any other as an error.
 */
public abstract class WorkerPool implements SmartLifecycle {

  private static final Logger log = LoggerFactory.getLogger(WorkerPool.class);

  /** One round of one worker. */
  public interface Round {
    void run() throws InterruptedException;
  }

  private final String name;
  private final int size;
  private final List<Thread> threads = new ArrayList<>();
  private volatile boolean running;

  protected WorkerPool(String name, int size) {
    this.name = name;
    this.size = size;
  }

  /** The round that worker {@code worker} repeats; it may keep state of its own. */
  protected abstract Round round(int worker);

  @Override
  public void start() {
    running = true;
    for (int i = 0; i < size; i++) {
      var round = round(i);
      threads.add(
          Thread.ofPlatform()
              .name(name + "-" + i)
              .uncaughtExceptionHandler(
                  (thread, error) -> log.error("{} died", thread.getName(), error))
              .start(() -> repeat(round)));
    }
  }

  private void repeat(Round round) {
    var backoff = new Backoff();
    while (running) {
      try {
        try {
          round.run();
          backoff.reset();
        } catch (RuntimeException e) {
          if (running) {
            if (Failures.isTransient(e)) {
              log.warn("{} paused: {}; retrying in {}", name, e.toString(), backoff.current());
            } else {
              log.error("{} failed; retrying in {}", name, backoff.current(), e);
            }
            backoff.pause();
          }
        }
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        return;
      }
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

  /** The pool's name, as its threads carry it. */
  public String name() {
    return name;
  }

  /** Whether every worker is alive; one that died of an error (out of memory) stalls its queue. */
  public boolean healthy() {
    return !running || threads.stream().allMatch(Thread::isAlive);
  }
}
