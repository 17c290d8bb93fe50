package io.rastro.ingest.embedded;

import io.rastro.ingest.IngestCommand;
import java.sql.Timestamp;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.LinkedBlockingQueue;
import org.springframework.context.SmartLifecycle;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Puts the commands that concurrent requests queue into one transaction, so that one commit (one
 * fsync) makes all of them durable: without it, each single-event request would wait for a disk
 * flush of its own. Each request still returns only after the commit that holds its commands.
 */
@Component
class GroupCommit implements SmartLifecycle {

  /** The most rows one commit takes; more wait for the next. */
  private static final int MAX_ROWS = 5_000;

  private static final int FLUSHERS = 2;

  private record Pending(List<IngestCommand> commands, CompletableFuture<Void> committed) {}

  private final JdbcTemplate jdbc;
  private final TransactionTemplate transaction;
  private final LinkedBlockingQueue<Pending> pending = new LinkedBlockingQueue<>();
  private final List<Thread> flushers = new ArrayList<>();
  private volatile boolean running;

  GroupCommit(JdbcTemplate jdbc, TransactionTemplate transaction) {
    this.jdbc = jdbc;
    this.transaction = transaction;
  }

  /**
   * Inserts the commands into {@code ingest_queue}, in a transaction shared with other requests,
   * and returns once it committed.
   *
   * @throws RuntimeException the failure of that transaction: none of the commands was queued
   */
  void insert(List<IngestCommand> commands) throws InterruptedException {
    var request = new Pending(commands, new CompletableFuture<>());
    pending.add(request);
    try {
      request.committed().get();
    } catch (ExecutionException e) {
      throw e.getCause() instanceof RuntimeException runtime
          ? runtime
          : new IllegalStateException(e.getCause());
    }
  }

  private void flush() {
    var batch = new ArrayList<Pending>();
    while (running) {
      try {
        batch.add(pending.take());
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        return;
      }
      var rows = batch.getFirst().commands().size();
      for (Pending next;
          rows < MAX_ROWS && (next = pending.poll()) != null;
          rows += next.commands().size()) {
        batch.add(next);
      }
      try {
        transaction.executeWithoutResult(status -> write(batch));
        batch.forEach(p -> p.committed().complete(null));
      } catch (RuntimeException e) {
        batch.forEach(p -> p.committed().completeExceptionally(e));
      }
      batch.clear();
    }
  }

  private void write(List<Pending> batch) {
    var commands = batch.stream().flatMap(p -> p.commands().stream()).toList();
    jdbc.batchUpdate(
        "insert into ingest_queue (type, payload, accepted_at) values (?, ?, ?)",
        commands,
        1000,
        (ps, c) -> {
          ps.setString(1, c.type());
          ps.setBytes(2, c.payload());
          ps.setTimestamp(3, Timestamp.from(c.acceptedAt()));
        });
  }

  @Override
  public void start() {
    running = true;
    for (int i = 0; i < FLUSHERS; i++) {
      flushers.add(Thread.ofPlatform().name("ingest-commit-" + i).daemon().start(this::flush));
    }
  }

  /** Stops after the web server, so that no request waits on a commit that will not come. */
  @Override
  public int getPhase() {
    return SmartLifecycle.DEFAULT_PHASE - 4096;
  }

  @Override
  public void stop() {
    running = false;
    flushers.forEach(Thread::interrupt);
    flushers.clear();
  }

  @Override
  public boolean isRunning() {
    return running;
  }
}
