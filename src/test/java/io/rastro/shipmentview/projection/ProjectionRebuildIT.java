package io.rastro.shipmentview.projection;

import static io.rastro.support.Fixtures.event;
import static org.assertj.core.api.Assertions.assertThat;

import io.rastro.support.IntegrationTest;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.Test;

/**
 * A damaged projection is rebuilt from the write model while queries and writes go on: queries
 * never fail during the rebuild, and afterwards the projection checks equal to the write model,
 * writes made during the rebuild included.
 */
class ProjectionRebuildIT extends IntegrationTest {

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

    var failures = new ConcurrentLinkedQueue<String>();
    var reads = new java.util.concurrent.atomic.AtomicLong();
    var running = new AtomicBoolean(true);
    var reader =
        Thread.ofVirtual()
            .start(
                () -> {
                  while (running.get()) {
                    var status = api.get("/api/v1/shipments/" + numbers.get(5)).status();
                    var list = api.get("/api/v1/shipments?customerId=" + customer).status();
                    reads.incrementAndGet();
                    if (status != 200 || list != 200) {
                      failures.add(status + "/" + list);
                    }
                  }
                });
    var writer =
        Thread.ofVirtual()
            .start(
                () -> {
                  for (int i = 0; i < 20; i++) {
                    fixtures.record(
                        numbers.get(i),
                        event("during-" + i, "OUT_FOR_DELIVERY", "2026-11-28T07:00:00Z"));
                  }
                });

    var rebuild = api.post("/api/v1/admin/read-model/rebuild", "{}");
    writer.join();
    running.set(false);
    reader.join();

    assertThat(rebuild.status()).isEqualTo(200);
    assertThat(rebuild.body().path("shipments").asLong()).isGreaterThanOrEqualTo(20);
    assertThat(failures).isEmpty();
    assertThat(reads.get()).isPositive();
    fixtures.refresh(); // checks the projection equals the write model
    for (var trackingNumber : List.of(numbers.get(0), numbers.get(1))) {
      var detail = api.get("/api/v1/shipments/" + trackingNumber).body();
      assertThat(detail.path("status").asString()).isEqualTo("OUT_FOR_DELIVERY");
      assertThat(detail.path("events")).hasSize(3);
    }
  }
}
