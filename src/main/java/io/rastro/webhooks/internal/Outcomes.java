package io.rastro.webhooks.internal;

import io.rastro.platform.Backoff;
import java.time.Duration;
import java.util.ArrayList;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.SmartLifecycle;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Writes what the attempts came to, all that finished since the last write in one transaction: at a
 * thousand deliveries a second that is a few statements a second, not two per delivery. An attempt
 * not yet written when this instance dies is sent again once its lease runs out (at least once,
 * with the same {@code webhook-id}).
 */
@Component
class Outcomes implements SmartLifecycle {

  private static final Logger log = LoggerFactory.getLogger(Outcomes.class);
  private static final int MOST = 1000;

  private final BlockingQueue<Attempt> finished = new LinkedBlockingQueue<>();
  private final Deliveries deliveries;
  private final WebhookEndpoints endpoints;
  private final TransactionTemplate transaction;
  private volatile boolean running;
  private volatile Thread writer = Thread.ofVirtual().unstarted(() -> {});

  Outcomes(Deliveries deliveries, WebhookEndpoints endpoints, TransactionTemplate transaction) {
    this.deliveries = deliveries;
    this.endpoints = endpoints;
    this.transaction = transaction;
  }

  /** Hands over an attempt's outcome, to be written with the others soon. */
  void add(Attempt attempt) {
    finished.add(attempt);
  }

  private void write() {
    var backoff = new Backoff();
    var batch = new ArrayList<Attempt>();
    while (running || !finished.isEmpty()) {
      try {
        if (batch.isEmpty()) {
          var first = finished.poll(100, TimeUnit.MILLISECONDS);
          if (first == null) {
            continue;
          }
          batch.add(first);
          finished.drainTo(batch, MOST - 1);
        }
        transaction.executeWithoutResult(
            status -> {
              deliveries.attempted(batch);
              endpoints.attempted(batch);
            });
        batch.clear();
        backoff.reset();
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        return; // the leases run out and the deliveries are sent again
      } catch (RuntimeException e) {
        log.warn(
            "Could not record {} webhook attempt(s); trying again: {}", batch.size(), e.toString());
        try {
          backoff.pause();
        } catch (InterruptedException interrupted) {
          Thread.currentThread().interrupt();
          return;
        }
      }
    }
  }

  @Override
  public void start() {
    running = true;
    writer = Thread.ofVirtual().name("webhook-outcomes").start(this::write);
  }

  /** Stops after the sender (a later phase stops first), writing what is left. */
  @Override
  public void stop() {
    running = false;
    try {
      if (!writer.join(Duration.ofSeconds(5))) {
        writer.interrupt();
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  @Override
  public int getPhase() {
    return DEFAULT_PHASE - 1;
  }

  @Override
  public boolean isRunning() {
    return running;
  }
}
