package io.rastro.outbox.bus;

import static org.assertj.core.api.Assertions.assertThat;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.rastro.outbox.EventCatalog;
import io.rastro.outbox.OutboxConsumer;
import io.rastro.outbox.OutboxCursors;
import io.rastro.outbox.PublishedEvent;
import io.rastro.support.IntegrationTest;
import io.rastro.tracking.ShipmentStatusChanged;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashSet;
import java.util.List;
import java.util.Random;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.transaction.support.TransactionTemplate;
import tools.jackson.databind.json.JsonMapper;

/**
 * A consumer of the bus gets events late, twice and out of order: its cursor (what {@code asOf}
 * reports) is always the end of the longest unbroken run of events it has received, never past a
 * gap, and reaches the last event once every one has arrived.
 */
class BusCursorIT extends IntegrationTest {

  @Autowired TransactionTemplate transaction;
  @Autowired OutboxCursors cursors;
  @Autowired JsonMapper json;
  @Autowired EventCatalog catalog;

  @Test
  void theCursorNeverPassesAGapWhateverTheOrderOfArrival() {
    var random = new Random(7);
    for (int round = 0; round < 20; round++) {
      var name = "chain-test-" + round + "-" + System.nanoTime();
      jdbc.sql("insert into outbox_cursors values (?, '0', 0, null)").param(name).update();
      var chain = chain(30 + random.nextInt(30));
      var deliveries = new ArrayList<CloudEventCodec.Delivered>();
      for (int copy = 0; copy < 2; copy++) {
        deliveries.addAll(chain.subList(0, random.nextInt(chain.size() + 1)));
      }
      deliveries.addAll(chain);
      Collections.shuffle(deliveries, random);

      var consumer = new Recording(name);
      var subscription =
          new BusSubscription(
              consumer,
              new CloudEventCodec(json, catalog, "/test"),
              jdbc,
              cursors,
              transaction,
              new SimpleMeterRegistry(),
              null);
      var arrived = new HashSet<Mark>();
      for (int from = 0; from < deliveries.size(); ) {
        var to = Math.min(deliveries.size(), from + 1 + random.nextInt(8));
        var batch = deliveries.subList(from, to);
        transaction.executeWithoutResult(status -> subscription.apply(batch));
        batch.forEach(d -> arrived.add(d.mark()));
        assertThat(cursor(name)).isEqualTo(unbrokenEnd(chain, arrived));
        from = to;
      }

      assertThat(cursor(name)).isEqualTo(chain.getLast().mark());
      assertThat(consumer.applied).containsAll(arrived).hasSameSizeAs(chain);
      assertThat(
              jdbc.sql("select count(*) from outbox_pending where consumer = ?")
                  .param(name)
                  .query(Long.class)
                  .single())
          .isZero();
      jdbc.sql("delete from outbox_cursors where name = ?").param(name).update();
    }
  }

  /** Events in relay order, each naming its predecessor; several share a transaction. */
  private static List<CloudEventCodec.Delivered> chain(int length) {
    var events = new ArrayList<CloudEventCodec.Delivered>();
    var previous = Mark.START;
    for (int i = 1; i <= length; i++) {
      var mark = new Mark(100 + i / 3, i);
      var changed =
          new ShipmentStatusChanged("RS1", "PENDING", "PICKED_UP", Instant.now(), "e" + i);
      var event = new PublishedEvent(mark.txid(), mark.position(), Instant.now(), changed);
      events.add(new CloudEventCodec.Delivered(event, previous));
      previous = mark;
    }
    return events;
  }

  private static Mark unbrokenEnd(List<CloudEventCodec.Delivered> chain, Set<Mark> arrived) {
    var end = Mark.START;
    for (var event : chain) {
      if (!arrived.contains(event.mark())) {
        break;
      }
      end = event.mark();
    }
    return end;
  }

  private Mark cursor(String name) {
    return jdbc.sql("select txid::text::bigint, position from outbox_cursors where name = ?")
        .param(name)
        .query((rs, n) -> new Mark(rs.getLong(1), rs.getLong(2)))
        .single();
  }

  /** Records which events it was given. */
  private static final class Recording implements OutboxConsumer {

    private final String name;
    private final Set<Mark> applied = new HashSet<>();

    Recording(String name) {
      this.name = name;
    }

    @Override
    public String name() {
      return name;
    }

    @Override
    public void apply(List<PublishedEvent> events) {
      events.forEach(e -> applied.add(new Mark(e.txid(), e.position())));
    }
  }
}
