package io.rastro.analytics.duckdb;

import static org.assertj.core.api.Assertions.assertThat;

import io.rastro.analytics.EventRow;
import io.rastro.analytics.ShipmentRow;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The embedded engine on its own: a batch that comes again adds nothing, and a reopen keeps it. */
class DuckDbStoreTest {

  @TempDir Path directory;

  @Test
  void aBatchLoadedTwiceIsCountedOnce() throws Exception {
    var file = directory.resolve("analytics.duckdb");
    var shipments = List.of(shipment(1, "RS1"), shipment(2, "RS2"));
    var events = events(3, 5_000);
    try (var store = new DuckDbStore(file, "256MB", 1)) {
      store.load(shipments, events);
      store.load(shipments, events.subList(0, 2_500));
      assertThat(count(store, "shipments")).isEqualTo(2);
      assertThat(count(store, "tracking_events")).isEqualTo(5_000);
    }
    try (var reopened = new DuckDbStore(file, "256MB", 1)) {
      reopened.load(List.of(shipment(1, "RS1")), events.subList(4_000, 5_000));
      assertThat(count(reopened, "shipments")).isEqualTo(2);
      assertThat(count(reopened, "tracking_events")).isEqualTo(5_000);
    }
  }

  private static long count(DuckDbStore store, String table) {
    return (Long) store.query("SELECT count(*) FROM " + table).rows().getFirst().getFirst();
  }

  private static ShipmentRow shipment(long position, String number) {
    return new ShipmentRow(
        position, number, "c", "SEUR", "Madrid", "ES", "Lima", "PE", null, 1_764_633_600L);
  }

  private static List<EventRow> events(long from, int count) {
    var events = new ArrayList<EventRow>();
    for (int i = 0; i < count; i++) {
      events.add(
          new EventRow(
              from + i, "RS1", "e" + i, "IN_TRANSIT", "", "Lima", "PE", 1_764_633_600L + i, 0));
    }
    return events;
  }
}
