package io.rastro.ingest.embedded;

import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.locks.ReentrantLock;
import org.jspecify.annotations.Nullable;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * A position of the embedded queue below which no row is left and none can appear again, so that a
 * claim's index scan starts past every row consumed before it instead of stepping over all those
 * that vacuum has not removed yet: the claim's cost no longer grows with them (issue 18).
 *
 * <p>Below the floor nothing may come back: not a row whose claim rolls back (a claimed row stays
 * visible until its claim commits, so the floor stops at it), and not a row whose enqueuing
 * transaction took its position early and commits late, the trap of polling {@code id > last seen}.
 * For that the floor moves in two steps. First it notes the last position handed out and the
 * enqueuing transactions still running (each holds a shared advisory lock from before it takes a
 * position, see {@code V12__ingest_queue_claim_floor.sql}); once every one of those has ended, no
 * row at or below that position is still to commit, and the floor moves up to the lowest row left
 * or just past that position. Unlike vacuum's horizon, this waits only for enqueuing transactions,
 * never for an unrelated long one.
 *
 * <p>Each instance keeps its own floor: each is safe alone.
 */
@Component
class ClaimFloor {

  private static final String ENQUEUERS =
      """
      from pg_locks
      where locktype = 'advisory' and classid::bigint = 1918989172 and objid::bigint = 1903520117
        and objsubid = 2
        and database = (select oid from pg_database where datname = current_database())
      """;

  /** The last position handed out, and the enqueuing transactions running right after. */
  private record Horizon(long lastPosition, List<String> enqueuers) {}

  /** How often workers try to move the floor: a claim just above it is as cheap as one at it. */
  private static final long EVERY_NANOS = Duration.ofMillis(100).toNanos();

  private final JdbcClient jdbc;
  private final ReentrantLock moving = new ReentrantLock();
  private volatile long floor;
  private volatile long lastTried = System.nanoTime() - EVERY_NANOS;
  private @Nullable Horizon horizon;

  ClaimFloor(JdbcClient jdbc) {
    this.jdbc = jdbc;
  }

  /** Every position below this one is gone for good. */
  long position() {
    return floor;
  }

  /**
   * Moves the floor, at most every 100 ms: the statements it takes stay off most claims. A worker
   * calls it before each claim.
   */
  void advanceIfDue() {
    var now = System.nanoTime();
    if (now - lastTried >= EVERY_NANOS) {
      lastTried = now;
      advance();
    }
  }

  /**
   * Moves the floor up as far as is safe, outside any transaction. When another worker is moving
   * it, returns at once.
   */
  void advance() {
    if (!moving.tryLock()) {
      return;
    }
    try {
      var noted = horizon;
      if (noted == null) {
        noted = note();
      }
      if (ended(noted)) {
        // A statement after the check, so its snapshot sees every row those transactions wrote.
        var head =
            jdbc.sql("select min(id) from ingest_queue where id >= ?")
                .param(floor)
                .query(Long.class)
                .optional();
        var past = noted.lastPosition() + 1;
        floor = Math.max(floor, head.map(h -> Math.min(h, past)).orElse(past));
        horizon = null;
      } else {
        horizon = noted;
      }
    } finally {
      moving.unlock();
    }
  }

  /**
   * The last position handed out, then the enqueuing transactions running: in two statements and in
   * that order, so that a transaction holding a position up to it is among them, or ended.
   */
  private Horizon note() {
    var last =
        jdbc.sql("select pg_sequence_last_value('ingest_queue_position')")
            .query(Long.class)
            .optional()
            .orElse(0L);
    var enqueuers =
        jdbc.sql("select coalesce(array_agg(virtualtransaction), '{}')::text[] " + ENQUEUERS)
            .query((rs, n) -> Arrays.asList((String[]) rs.getArray(1).getArray()))
            .single();
    return new Horizon(last, enqueuers);
  }

  private boolean ended(Horizon noted) {
    return noted.enqueuers().isEmpty()
        || !jdbc.sql("select exists (select 1 " + ENQUEUERS + " and virtualtransaction = any (?))")
            .param(noted.enqueuers().toArray(String[]::new))
            .query(Boolean.class)
            .single();
  }
}
