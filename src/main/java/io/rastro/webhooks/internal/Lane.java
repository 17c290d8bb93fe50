package io.rastro.webhooks.internal;

import java.util.ArrayDeque;
import java.util.Queue;
import java.util.concurrent.Executor;
import java.util.concurrent.RejectedExecutionException;
import java.util.function.Consumer;

/**
 * One endpoint's deliveries in this instance: at most {@code concurrency} under way, the others
 * waiting in claim order, so that a slow or dead endpoint holds up only its own lane.
 */
final class Lane {

  private final int concurrency;
  private final Executor executor;
  private final Consumer<Deliveries.Due> send;
  private final Queue<Deliveries.Due> waiting = new ArrayDeque<>();
  private int running;

  Lane(int concurrency, Executor executor, Consumer<Deliveries.Due> send) {
    this.concurrency = concurrency;
    this.executor = executor;
    this.send = send;
  }

  /** Sends a claimed delivery as soon as one of the lane's places is free. */
  synchronized void offer(Deliveries.Due delivery) {
    if (running < concurrency) {
      running++;
      start(delivery);
    } else {
      waiting.add(delivery);
    }
  }

  /** Deliveries under way or waiting. */
  synchronized int backlog() {
    return running + waiting.size();
  }

  private void start(Deliveries.Due delivery) {
    try {
      executor.execute(
          () -> {
            try {
              send.accept(delivery);
            } finally {
              finished();
            }
          });
    } catch (RejectedExecutionException e) {
      // shutting down: the lease runs out and the delivery is sent again
    }
  }

  private synchronized void finished() {
    var next = waiting.poll();
    if (next == null) {
      running--;
    } else {
      start(next);
    }
  }
}
