package io.rastro.outbox;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.rastro.shipmentview.ReadModelProperties;
import io.rastro.support.IntegrationTest;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

/**
 * The projector stopped while ingest goes on: the write side keeps accepting and writing, and once
 * the projector is back it catches up to a projection equal to the write model. Prints the catch-up
 * rate.
 */
class ProjectorCatchUpIT extends IntegrationTest {

  private static final int SHIPMENTS = 50;
  private static final int EVENTS_EACH = 100;

  @Autowired OutboxRelay relay;

  @Test
  void catchesUpAfterBeingDownUnderIngest() {
    var customer = fixtures.customer();
    var numbers = new ArrayList<String>();
    for (int s = 0; s < SHIPMENTS; s++) {
      numbers.add(fixtures.shipment(customer));
    }
    fixtures.refresh();

    relay.stop();
    try {
      for (int batch = 0; batch < EVENTS_EACH / 10; batch++) {
        var items = new ArrayList<Map<String, Object>>();
        for (var trackingNumber : numbers) {
          for (int i = 0; i < 10; i++) {
            var item = new LinkedHashMap<String, Object>();
            item.put("trackingNumber", trackingNumber);
            item.put("eventId", "catch-up-" + batch + "-" + i);
            item.put("status", "IN_TRANSIT");
            item.put(
                "occurredAt",
                Instant.parse("2026-11-27T00:00:00Z").plusSeconds(batch * 10L + i).toString());
            items.add(item);
          }
        }
        assertThat(api.post("/api/v1/tracking-events", items).status()).isEqualTo(202);
      }
      fixtures.awaitWritten();
      assertThat(eventCount(numbers.getFirst())).as("nothing applied while down").isZero();
    } finally {
      relay.start();
    }

    var started = System.nanoTime();
    await()
        .atMost(Duration.ofMinutes(2))
        .pollInterval(Duration.ofMillis(20))
        .until(() -> numbers.stream().allMatch(n -> eventCount(n) == EVENTS_EACH));
    var seconds = (System.nanoTime() - started) / 1e9;
    var events = SHIPMENTS * EVENTS_EACH;
    System.out.printf(
        "Projector catch-up: %d tracking events (and their status changes) in %.2f s, %.0f events/s%n",
        events, seconds, events / seconds);
    fixtures.refresh(); // the projection equals the write model

    // Caught up, with thousands of applied events still in the outbox: asking what lies beyond the
    // cursor (each relay poll, each query's asOf) reads none of them.
    assertThat(jdbc.sql("select count(*) from outbox").query(Long.class).single())
        .isGreaterThan(events);
    var cursor = ReadModelProperties.PROJECTION_CURSOR;
    for (var query :
        List.of(
            "select o.position from outbox o where "
                + OutboxCursors.beyondCursor(cursor)
                + " order by o.txid, o.position limit 500",
            "select " + OutboxCursors.anyBeyondCursor(cursor, "true"))) {
      var plan = jdbc.sql("explain (analyze, format json) " + query).query(String.class).single();
      assertThat(plan)
          .as(query)
          .contains("\"Index Name\": \"outbox_relay_order\"")
          .containsPattern("\"Relation Name\": \"outbox\",[^}]*\"Actual Rows\": 0[,.]")
          // the cursors' own table is a few rows, one per consumer: only the outbox must not be
          // read
          .doesNotContainPattern(
              "\"Relation Name\": \"outbox\",[^}]*\"Rows Removed by (Join )?Filter\": [1-9]");
    }
  }

  private long eventCount(String trackingNumber) {
    return jdbc.sql("select event_count from shipment_projection where tracking_number = ?")
        .param(trackingNumber)
        .query(Long.class)
        .optional()
        .orElse(0L);
  }
}
