package io.rastro.shipmentview.projection;

import static io.rastro.support.Fixtures.event;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.rastro.outbox.OutboxCursors;
import io.rastro.outbox.RelayBatches;
import io.rastro.support.IntegrationTest;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.ApplicationContext;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * A damaged projection is rebuilt from the write model while queries and writes go on: queries
 * never fail during the rebuild, and afterwards the projection checks equal to the write model,
 * writes made during the rebuild included, even those the projector applied while the rebuild
 * waited for it.
 */
class ProjectionRebuildIT extends IntegrationTest {

  @Autowired ApplicationContext context;
  @Autowired OutboxCursors cursors;
  @Autowired PlatformTransactionManager transactions;

  @Test
  void rebuildsADamagedProjectionWhileQueriesAndWritesGoOn() throws Exception {
    var customer = fixtures.customer();
    var numbers = new ArrayList<String>();
    for (int s = 0; s < 20; s++) {
      var trackingNumber = fixtures.shipment(customer);
      numbers.add(trackingNumber);
      fixtures.record(trackingNumber, event("r-1", "PICKED_UP", "2026-11-27T09:00:00Z"));
      fixtures.record(trackingNumber, event("r-2", "IN_TRANSIT", "2026-11-27T19:00:00Z"));
    }
    fixtures.refresh();
    jdbc.sql("update shipment_projection set status = 'DELIVERED' where tracking_number = ?")
        .param(numbers.get(0))
        .update();
    jdbc.sql("delete from shipment_projection_events where tracking_number = ?")
        .param(numbers.get(1))
        .update();
    var damaged = api.get("/api/v1/admin/read-model/check").body();
    assertThat(damaged.path("differing").asLong()).isGreaterThanOrEqualTo(2);

    try (var threads = Executors.newVirtualThreadPerTaskExecutor()) {
      // A batch of the projector holds its lock when the rebuild starts, and applies the writes
      // made while the rebuild waits for it.
      var locked = new CountDownLatch(1);
      var written = new CountDownLatch(1);
      var projector =
          CompletableFuture.supplyAsync(
              () ->
                  new TransactionTemplate(transactions)
                      .execute(
                          status -> {
                            cursors.lock(ShipmentProjector.CURSOR);
                            locked.countDown();
                            awaitLatch(written);
                            return RelayBatches.relayOnce(context, ShipmentProjector.CURSOR);
                          }),
              threads);
      assertThat(locked.await(30, TimeUnit.SECONDS)).isTrue();
      var rebuild =
          CompletableFuture.supplyAsync(
              () -> api.post("/api/v1/admin/read-model/rebuild", "{}"), threads);
      await().atMost(Duration.ofSeconds(30)).until(this::someoneWaitsForAnAdvisoryLock);

      var reads = new AtomicLong();
      var reader =
          CompletableFuture.runAsync(() -> readUntil(rebuild, numbers, customer, reads), threads);
      try {
        for (int i = 0; i < 20; i++) {
          fixtures.record(
              numbers.get(i), event("during-" + i, "OUT_FOR_DELIVERY", "2026-11-28T07:00:00Z"));
        }
        await()
            .atMost(Duration.ofSeconds(30))
            .until(() -> countEvents("during-%") == 20 && reads.get() > 0 && !rebuild.isDone());
      } finally {
        written.countDown();
      }

      assertThat(projector.get(30, TimeUnit.SECONDS))
          .as("events the projector applied")
          .isGreaterThanOrEqualTo(20);
      var rebuilt = rebuild.get(60, TimeUnit.SECONDS);
      assertThat(rebuilt.status()).as(rebuilt.raw()).isEqualTo(200);
      assertThat(rebuilt.body().path("shipments").asLong()).isGreaterThanOrEqualTo(20);
      reader.get(30, TimeUnit.SECONDS); // rethrows what failed in the reader
    }
    fixtures.refresh(); // checks the projection equals the write model
    for (var trackingNumber : List.of(numbers.get(0), numbers.get(1), numbers.get(2))) {
      var detail = api.get("/api/v1/shipments/" + trackingNumber).body();
      assertThat(detail.path("status").asString()).isEqualTo("OUT_FOR_DELIVERY");
      assertThat(detail.path("events")).hasSize(3);
    }
  }

  /** Reads one shipment and a customer's list, counting, until the rebuild is over. */
  private void readUntil(
      CompletableFuture<?> rebuild, List<String> numbers, String customer, AtomicLong reads) {
    while (!rebuild.isDone()) {
      assertThat(api.get("/api/v1/shipments/" + numbers.get(5)).status()).isEqualTo(200);
      assertThat(api.get("/api/v1/shipments?customerId=" + customer).status()).isEqualTo(200);
      reads.incrementAndGet();
    }
  }

  private boolean someoneWaitsForAnAdvisoryLock() {
    return jdbc.sql(
            """
            select exists (select 1 from pg_locks where locktype = 'advisory' and not granted
                           and database = (select oid from pg_database
                                           where datname = current_database()))
            """)
        .query(Boolean.class)
        .single();
  }

  private long countEvents(String eventIds) {
    return jdbc.sql("select count(*) from tracking_events where event_id like ?")
        .param(eventIds)
        .query(Long.class)
        .single();
  }

  private static void awaitLatch(CountDownLatch latch) {
    try {
      if (!latch.await(60, TimeUnit.SECONDS)) {
        throw new IllegalStateException("The writes never came");
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }
}
