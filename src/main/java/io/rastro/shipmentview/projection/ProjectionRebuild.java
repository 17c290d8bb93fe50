package io.rastro.shipmentview.projection;

import io.rastro.outbox.OutboxCursors;
import io.swagger.v3.oas.annotations.media.Schema;
import java.sql.Timestamp;
import java.time.Instant;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.TransactionDefinition;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Rebuilds the projected read model from the write model without stopping queries: new tables are
 * filled from one consistent snapshot while queries read the old ones, then swapped in (see {@code
 * rebuild_shipment_projection()}). The projector is held off meanwhile; afterwards it goes on from
 * the newest event the snapshot already contains, and events it applies again change nothing.
 *
 * <p>The projector's lock is taken before the snapshot, in a transaction of its own that holds it
 * until the cursor has moved. Taken as the snapshot's first statement, the wait for it would come
 * after the snapshot: a batch of the projector holding the lock meanwhile could apply a write the
 * snapshot misses and move the cursor past it, and the swap would drop that write for good.
 */
@Component
@ConditionalOnProperty(
    name = "rastro.read-model.mode",
    havingValue = "projection",
    matchIfMissing = true)
public class ProjectionRebuild {

  private static final Logger log = LoggerFactory.getLogger(ProjectionRebuild.class);

  private final JdbcClient jdbc;
  private final OutboxCursors cursors;
  private final TransactionTemplate snapshot;
  private final TransactionTemplate transaction;

  ProjectionRebuild(
      JdbcClient jdbc, OutboxCursors cursors, PlatformTransactionManager transactions) {
    this.jdbc = jdbc;
    this.cursors = cursors;
    this.snapshot = new TransactionTemplate(transactions);
    this.snapshot.setIsolationLevel(TransactionDefinition.ISOLATION_REPEATABLE_READ);
    this.snapshot.setPropagationBehavior(TransactionDefinition.PROPAGATION_REQUIRES_NEW);
    this.transaction = new TransactionTemplate(transactions);
  }

  /**
   * What a rebuild did.
   *
   * @param shipments rows in the rebuilt projection
   * @param asOf every write committed before this instant is in it
   * @param durationMs how long it took, the swap included
   */
  @Schema(name = "ReadModelRebuild")
  public record Result(long shipments, @Nullable Instant asOf, long durationMs) {}

  private record Mark(long txid, long position, Timestamp writtenAt) {}

  private record Built(long shipments, @Nullable Mark mark) {}

  public Result rebuild() {
    var started = System.nanoTime();
    var built =
        transaction.execute(
            locked -> {
              cursors.lock(ShipmentProjector.CURSOR);
              var b = snapshot.execute(status -> build());
              if (b.mark() != null) {
                var mark = b.mark();
                cursors.advance(
                    ShipmentProjector.CURSOR, mark.txid(), mark.position(), mark.writtenAt());
              }
              return b;
            });
    var mark = built.mark();
    var took = (System.nanoTime() - started) / 1_000_000;
    log.info(
        "Projection rebuilt from the write model: {} shipments in {} ms", built.shipments(), took);
    return new Result(built.shipments(), mark == null ? null : mark.writtenAt().toInstant(), took);
  }

  /** Fills the new tables from this transaction's snapshot and swaps them in. */
  private Built build() {
    // Every event of a transaction older than the snapshot's oldest running one is in the
    // snapshot, so the projector can go on from the newest of them.
    var mark =
        jdbc.sql(
                """
                select txid::text::bigint, position, occurred_at from outbox
                where txid < pg_snapshot_xmin(pg_current_snapshot())
                order by txid desc, position desc limit 1
                """)
            .query((rs, n) -> new Mark(rs.getLong(1), rs.getLong(2), rs.getTimestamp(3)))
            .optional();
    var shipments = jdbc.sql("select rebuild_shipment_projection()").query(Long.class).single();
    return new Built(shipments, mark.orElse(null));
  }
}
