package io.rastro.feed;

import static io.rastro.support.Fixtures.event;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.rastro.support.Api;
import io.rastro.support.IntegrationTest;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/** The change feed over HTTP: pages, tenancy, filters, bad input and the streams. */
class FeedIT extends IntegrationTest {

  static final String RECORDED = "io.rastro.tracking.recorded.v1";

  @Test
  void pagesGoOnFromWhereTheyStoppedWithNoGapAndNoRepeat() {
    var start = end(api);
    var customer = fixtures.customer();
    var first = fixtures.shipment(customer);
    var second = fixtures.shipment(customer);
    fixtures.awaitWritten();
    var expected = new ArrayList<String>();
    for (int i = 0; i < 7; i++) {
      var number = i % 2 == 0 ? first : second;
      fixtures.record(
          number, event("feed-" + i, "IN_TRANSIT", "2026-11-27T09:0%d:00Z".formatted(i)));
      expected.add(number + "/feed-" + i);
    }
    fixtures.awaitWritten();

    var seen = new ArrayList<String>();
    var position = start;
    var guard = 0;
    while (seen.size() < expected.size() && guard++ < 100) {
      var page = page(api, "after=" + position + "&limit=2&types=" + RECORDED);
      assertThat(page.path("events").size()).isLessThanOrEqualTo(2);
      for (var event : page.path("events")) {
        assertThat(event.path("type").asString()).isEqualTo(RECORDED);
        assertThat(event.path("specversion").asString()).isEqualTo("1.0");
        assertThat(event.path("rastroposition").asString()).isNotBlank();
        seen.add(
            event.path("subject").asString() + "/" + event.path("data").path("eventId").asString());
      }
      position = page.path("next").asString();
    }
    assertThat(seen).containsExactlyInAnyOrderElementsOf(expected).doesNotHaveDuplicates();
    var atEnd = page(api, "after=" + position + "&types=" + RECORDED);
    assertThat(atEnd.path("events").size()).isZero();
  }

  @Test
  void aShipperSeesOnlyItsOwnShipmentsEvents() {
    var start = end(api);
    var mine = fixtures.customer();
    var theirs = fixtures.customer();
    var myShipment = fixtures.shipment(mine);
    var theirShipment = fixtures.shipment(theirs);
    fixtures.awaitWritten();
    fixtures.record(myShipment, event("mine-1", "PICKED_UP", "2026-11-27T09:00:00Z"));
    fixtures.record(theirShipment, event("theirs-1", "PICKED_UP", "2026-11-27T09:00:00Z"));
    fixtures.awaitWritten();
    var shipper = api.as(fixtures.apiKey("SHIPPER", mine, null));

    await()
        .atMost(Duration.ofSeconds(10))
        .untilAsserted(
            () -> {
              var subjects = subjects(page(shipper, "after=" + start + "&limit=1000"));
              assertThat(subjects).contains(myShipment).doesNotContain(theirShipment);
              assertThat(subjects).allMatch(myShipment::equals);
            });
    var admin = subjects(page(api, "after=" + start + "&limit=1000"));
    assertThat(admin).contains(myShipment, theirShipment);

    var carrier = api.as(fixtures.apiKey("CARRIER", null, fixtures.carrier()));
    assertThat(carrier.get("/api/v1/events").status()).isEqualTo(403);
    assertThat(api.as(null).get("/api/v1/events").status()).isEqualTo(401);
  }

  @Test
  void badInputIsRefusedNamingTheField() {
    assertRefused("after=yesterday", "after");
    assertRefused("limit=0", "limit");
    assertRefused("limit=1001", "limit");
    assertRefused("types=io.rastro.shipment.exploded.v1", "types");
  }

  @Test
  void theStreamSendsEventsAsTheyComeAndResumesFromLastEventId() throws Exception {
    var start = end(api);
    var number = fixtures.shipment(fixtures.customer());
    fixtures.awaitWritten();
    var url = "http://localhost:" + port + "/api/v1/events?types=" + RECORDED + "&after=" + start;
    String last;
    try (var stream = EventStream.open(url, Api.ADMIN_KEY, null)) {
      assertThat(stream.status()).isEqualTo(200);
      fixtures.record(number, event("live-1", "PICKED_UP", "2026-11-27T09:00:00Z"));
      fixtures.record(number, event("live-2", "IN_TRANSIT", "2026-11-27T10:00:00Z"));
      var events = stream.take(2, Duration.ofSeconds(10));
      assertThat(events).extracting(EventStream.Event::name).containsOnly(RECORDED);
      assertThat(events)
          .extracting(e -> e.data())
          .anySatisfy(data -> assertThat(data).contains("live-1"))
          .anySatisfy(data -> assertThat(data).contains("live-2"));
      last = events.getLast().id();
    }
    fixtures.record(number, event("live-3", "DELIVERED", "2026-11-27T11:00:00Z"));
    try (var resumed = EventStream.open(url, Api.ADMIN_KEY, last)) {
      var next = resumed.take(1, Duration.ofSeconds(10)).getFirst();
      assertThat(next.data()).contains("live-3").doesNotContain("live-2");
    }
  }

  @Test
  void theTrackingPageStreamSaysChangedAndNothingMore() throws Exception {
    var number = fixtures.shipment(fixtures.customer());
    fixtures.awaitWritten();
    var url = "http://localhost:" + port + "/track/" + number + "/stream";
    try (var stream = EventStream.open(url, null, null)) {
      assertThat(stream.status()).isEqualTo(200);
      fixtures.record(number, event("page-live-1", "PICKED_UP", "2026-11-27T09:00:00Z"));
      var changed = stream.take(1, Duration.ofSeconds(10)).getFirst();
      assertThat(changed.name()).isEqualTo("changed");
      assertThat(changed.data()).isEqualTo("{}");
    }
  }

  /** The position after everything the feed holds now. */
  private static String end(Api api) {
    var position = page(api, "limit=1000").path("next").asString();
    while (true) {
      var page = page(api, "after=" + position + "&limit=1000");
      if (page.path("next").asString().equals(position)) {
        return position;
      }
      position = page.path("next").asString();
    }
  }

  private static JsonNode page(Api api, String query) {
    var answer = api.get("/api/v1/events?" + query);
    assertThat(answer.status()).as(answer.raw()).isEqualTo(200);
    return answer.body();
  }

  private static List<String> subjects(JsonNode page) {
    var subjects = new ArrayList<String>();
    page.path("events").forEach(e -> subjects.add(e.path("subject").asString()));
    return subjects;
  }

  private void assertRefused(String query, String field) {
    var answer = api.get("/api/v1/events?" + query);
    assertThat(answer.status()).as(query).isEqualTo(400);
    assertThat(answer.raw()).as(query).contains("\"" + field + "\"");
  }
}
