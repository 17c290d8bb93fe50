package io.rastro.shipmentview.projection;

import static io.rastro.support.Fixtures.event;
import static org.assertj.core.api.Assertions.assertThat;

import io.rastro.outbox.EventCatalog;
import io.rastro.outbox.OutboxRow;
import io.rastro.outbox.PublishedEvent;
import io.rastro.support.IntegrationTest;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.transaction.support.TransactionTemplate;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * Every event delivered three times, in shuffled order and in batches of any size: the projection
 * converges to the same rows, equal to a recomputation from the write model.
 */
class ProjectionConvergenceIT extends IntegrationTest {

  @Autowired ShipmentProjector projector;
  @Autowired TransactionTemplate transaction;
  @Autowired EventCatalog catalog;

  @Test
  void duplicatedAndShuffledEventsConvergeToTheRecomputation() {
    var customer = fixtures.customer();
    var numbers = new ArrayList<String>();
    for (int s = 0; s < 5; s++) {
      var trackingNumber = fixtures.shipment(customer);
      numbers.add(trackingNumber);
      fixtures.record(trackingNumber, event("c-3", "DELIVERED", "2026-11-28T18:00:00Z"));
      fixtures.record(trackingNumber, event("c-1", "PICKED_UP", "2026-11-27T09:00:00Z"));
      fixtures.record(trackingNumber, event("c-2", "OUT_FOR_DELIVERY", "2026-11-28T07:00:00Z"));
      fixtures.record(trackingNumber, event("c-4", "EXCEPTION", "2026-11-28T18:00:00Z"));
    }
    fixtures.refresh();
    var before = numbers.stream().map(this::detail).toList();
    var recorded =
        jdbc.sql(
                "select txid::text::bigint, position, type, subject, occurred_at, data::text"
                    + " from outbox"
                    + " where subject = any (?) order by position")
            .param(numbers.toArray(String[]::new))
            .query(
                (rs, n) ->
                    catalog.decode(
                        new OutboxRow(
                            rs.getLong(1),
                            rs.getLong(2),
                            rs.getString(3),
                            rs.getString(4),
                            rs.getTimestamp(5).toInstant(),
                            rs.getString(6))))
            .list();

    jdbc.sql("delete from shipment_projection_events where tracking_number = any (?)")
        .param(numbers.toArray(String[]::new))
        .update();
    jdbc.sql("delete from shipment_projection where tracking_number = any (?)")
        .param(numbers.toArray(String[]::new))
        .update();
    var replay = new ArrayList<PublishedEvent>();
    for (int copy = 0; copy < 3; copy++) {
      replay.addAll(recorded);
    }
    var random = new Random(42);
    Collections.shuffle(replay, random);
    for (int from = 0; from < replay.size(); ) {
      var to = Math.min(replay.size(), from + 1 + random.nextInt(10));
      List<PublishedEvent> batch = replay.subList(from, to);
      transaction.executeWithoutResult(status -> projector.apply(batch));
      from = to;
    }

    assertThat(numbers.stream().map(this::detail).toList()).isEqualTo(before);
    assertThat(before.getFirst().path("status").asString()).isEqualTo("DELIVERED");
    fixtures.refresh(); // asserts the projection equals a fresh recomputation
  }

  private JsonNode detail(String trackingNumber) {
    var body = (ObjectNode) api.get("/api/v1/shipments/" + trackingNumber).body();
    body.remove("asOf");
    body.remove("lagMs");
    return body;
  }
}
