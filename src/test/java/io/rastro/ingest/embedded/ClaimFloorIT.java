package io.rastro.ingest.embedded;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.rastro.shipment.TrackingNumber;
import io.rastro.support.Fixtures;
import io.rastro.support.IntegrationTest;
import java.sql.Connection;
import java.time.Duration;
import java.util.Random;
import javax.sql.DataSource;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.transaction.support.TransactionTemplate;
import tools.jackson.databind.json.JsonMapper;

/**
 * The embedded queue's claim starts at a floor: it never skips a command whose transaction took its
 * position early and committed late, and its cost does not grow with the rows consumed before it,
 * even those vacuum cannot remove yet.
 */
class ClaimFloorIT extends IntegrationTest {

  @Autowired DataSource dataSource;
  @Autowired ClaimFloor floor;
  @Autowired TransactionTemplate transaction;
  @Autowired JsonMapper json;

  @Test
  void anEnqueueThatTakesItsPositionEarlyAndCommitsLateIsWritten() throws Exception {
    var customerId = fixtures.customer();
    var late = TrackingNumber.generate(new Random());
    try (var held = dataSource.getConnection()) {
      held.setAutoCommit(false);
      long position;
      try (var insert =
          held.prepareStatement(
              "insert into ingest_queue (type, payload, accepted_at) values"
                  + " ('shipment.create', ?, now()) returning id")) {
        insert.setBytes(1, json.writeValueAsBytes(Fixtures.queuedShipment(late, customerId)));
        try (var rows = insert.executeQuery()) {
          rows.next();
          position = rows.getLong(1);
        }
      }

      // Later commands commit, are claimed and written while the early one is still open.
      for (int i = 0; i < 5; i++) {
        fixtures.shipment(customerId);
      }
      fixtures.awaitWritten();
      for (int i = 0; i < 5; i++) {
        floor.advance();
      }
      assertThat(
              jdbc.sql("select pg_sequence_last_value('ingest_queue_position')")
                  .query(Long.class)
                  .single())
          .isGreaterThan(position);
      assertThat(floor.position()).isLessThanOrEqualTo(position);

      held.commit();
    }

    await()
        .atMost(Duration.ofSeconds(30))
        .untilAsserted(
            () ->
                assertThat(
                        jdbc.sql("select count(*) from shipments where tracking_number = ?")
                            .param(late.value())
                            .query(Long.class)
                            .single())
                    .isEqualTo(1));
  }

  @Test
  void aClaimReadsNoMoreBuffersAfter100000ConsumedRowsThanAfter1000() throws Exception {
    // An open snapshot keeps every consumed row from vacuum, as a long transaction would.
    try (var snapshot = dataSource.getConnection()) {
      snapshot.setAutoCommit(false);
      snapshot.setTransactionIsolation(Connection.TRANSACTION_REPEATABLE_READ);
      try (var statement = snapshot.createStatement()) {
        statement.execute("select count(*) from ingest_queue");
      }

      consume(1_000);
      var after1000 = claimBuffers(floor.position());
      consume(100_000);
      var after100000 = claimBuffers(floor.position());

      assertThat(after100000).isLessThanOrEqualTo(2 * after1000 + 8);
      // The same claim from the head of the index steps over every consumed row: the dead rows
      // are really there.
      assertThat(claimBuffers(0)).isGreaterThan(10 * after100000);

      snapshot.rollback();
    }
  }

  /**
   * Enqueues and consumes that many rows, in two transactions as a worker would; they wait for
   * ever, so that no worker takes them. Returns once the floor is past them.
   */
  private void consume(int rows) {
    var last =
        transaction.execute(
            status ->
                jdbc.sql(
                        """
                        insert into ingest_queue (type, payload, accepted_at, available_at)
                        select 'consumed', '', now(), 'infinity' from generate_series(1, ?)
                        returning id
                        """)
                    .param(rows)
                    .query(Long.class)
                    .list()
                    .getLast());
    jdbc.sql("delete from ingest_queue where type = 'consumed'").update();
    await()
        .atMost(Duration.ofSeconds(30))
        .untilAsserted(
            () -> {
              floor.advance();
              assertThat(floor.position()).isGreaterThan(last);
            });
  }

  /** The shared buffers one claim of a full batch reads, hit or not; it is rolled back. */
  private int claimBuffers(long from) {
    var plan =
        transaction.execute(
            status -> {
              status.setRollbackOnly();
              return jdbc.sql("explain (analyze, buffers, format json) " + PostgresQueue.CLAIM)
                  .params(from, 200)
                  .query(String.class)
                  .single();
            });
    var root = json.readTree(plan).get(0).get("Plan");
    return root.get("Shared Hit Blocks").asInt() + root.get("Shared Read Blocks").asInt();
  }
}
