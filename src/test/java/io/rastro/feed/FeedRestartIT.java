package io.rastro.feed;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeFalse;

import io.rastro.support.Api;
import io.rastro.support.Fixtures;
import io.rastro.support.RastroProcess;
import io.rastro.support.Reliability;
import io.rastro.support.TestDatabase;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.stream.IntStream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** A reader of the feed goes on after a restart of Rastro exactly where it stopped. */
class FeedRestartIT {

  @BeforeAll
  static void once() {
    assumeFalse(TestDatabase.onServer(), "runs its own processes; once per build is enough");
  }

  @Test
  void theFeedResumesAcrossARestartWithNoGapAndNoRepeat() {
    var dataDir = Path.of(TestDatabase.freshDirectory());
    var properties = new HashMap<>(RastroProcess.ownDatabase(dataDir, RastroProcess.freePort()));
    var seen = new ArrayList<String>();
    String position;
    List<String> sent;
    try (var first = RastroProcess.start("feed-restart", properties)) {
      var api = first.api();
      var fixtures = new Fixtures(api);
      var number = fixtures.shipment(fixtures.customer());
      fixtures.awaitWritten();
      sent = IntStream.range(0, 40).mapToObj(i -> "restart-" + i).toList();
      for (var id : sent) {
        fixtures.record(number, Fixtures.event(id, "IN_TRANSIT", "2026-11-27T09:00:00Z"));
      }
      Reliability.awaitDrained(api);
      position = read(api, null, 25, seen);
      assertThat(seen).hasSize(25);
    }
    try (var second = RastroProcess.start("feed-restart-again", properties)) {
      read(second.api(), position, 1000, seen);
    }
    // two workers write concurrently: the feed's order is the commits', not the sending's
    assertThat(seen).containsExactlyInAnyOrderElementsOf(sent).doesNotHaveDuplicates();
  }

  /** Reads recorded events after {@code from}, up to {@code most}; returns where it stopped. */
  private static String read(Api api, String from, int most, List<String> seen) {
    var position = from;
    while (seen.size() < most) {
      var query =
          "types=io.rastro.tracking.recorded.v1&limit=5"
              + (position == null ? "" : "&after=" + position);
      var page = api.get("/api/v1/events?" + query).body();
      page.path("events").forEach(e -> seen.add(e.path("data").path("eventId").asString()));
      var next = page.path("next").asString();
      if (next.equals(position)) {
        break;
      }
      position = next;
    }
    return position;
  }
}
