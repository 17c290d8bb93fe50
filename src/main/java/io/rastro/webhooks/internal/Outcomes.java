package io.rastro.webhooks.internal;

import io.rastro.platform.WorkerPool;
import java.util.ArrayList;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Writes what the attempts came to, all that finished since the last write in one transaction: at a
 * thousand deliveries a second that is a few statements a second, not two per delivery. An attempt
 * not yet written when this instance stops or dies is sent again once its lease runs out (at least
 * once, with the same {@code webhook-id}).
 */
@Component
class Outcomes extends WorkerPool {

  private static final int MOST = 1000;

  private final BlockingQueue<Attempt> finished = new LinkedBlockingQueue<>();
  private final Deliveries deliveries;
  private final WebhookEndpoints endpoints;
  private final TransactionTemplate transaction;

  Outcomes(Deliveries deliveries, WebhookEndpoints endpoints, TransactionTemplate transaction) {
    super("webhook-outcomes", 1);
    this.deliveries = deliveries;
    this.endpoints = endpoints;
    this.transaction = transaction;
  }

  /** Hands over an attempt's outcome, to be written with the others soon. */
  void add(Attempt attempt) {
    finished.add(attempt);
  }

  /** Takes what finished, and writes it; a batch that failed to be written is written again. */
  @Override
  protected Round round(int worker) {
    var batch = new ArrayList<Attempt>();
    return () -> {
      if (batch.isEmpty()) {
        var first = finished.poll(100, TimeUnit.MILLISECONDS);
        if (first == null) {
          return;
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
    };
  }

  /** Stops after the sender (a later phase stops first). */
  @Override
  public int getPhase() {
    return DEFAULT_PHASE - 1;
  }
}
