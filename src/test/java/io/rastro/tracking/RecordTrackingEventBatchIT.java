package io.rastro.tracking;

import static io.rastro.support.Fixtures.event;
import static org.assertj.core.api.Assertions.assertThat;

import io.rastro.shipment.TrackingNumber;
import io.rastro.support.IntegrationTest;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.json.JsonMapper;

class RecordTrackingEventBatchIT extends IntegrationTest {

  private static final JsonMapper JSON = JsonMapper.builder().build();

  private static Map<String, Object> item(String trackingNumber, String eventId, String status) {
    var item = event(eventId, status, "2026-11-28T10:00:00Z");
    item.put("trackingNumber", trackingNumber);
    return item;
  }

  @Test
  void keepsTheValidItemsAndReportsTheOthersByIndex() {
    var trackingNumber = fixtures.shipment(fixtures.customer());
    var batch =
        List.of(
            item(trackingNumber, "b-1", "PICKED_UP"),
            item(trackingNumber, "b-2", "TELEPORTED"),
            Map.of("status", "IN_TRANSIT", "occurredAt", "2026-11-28T10:00:00Z"),
            item(TrackingNumber.generate(new Random(3)).value(), "b-3", "IN_TRANSIT"),
            item(trackingNumber, "b-4", "IN_TRANSIT"));

    var response = api.post("/api/v1/tracking-events", batch);

    assertThat(response.status()).isEqualTo(202);
    assertThat(response.body().path("accepted").asInt()).isEqualTo(3);
    assertThat(response.body().path("duplicates").asInt()).isZero();
    var rejected = response.body().path("rejected");
    assertThat(rejected.findValues("index").stream().map(n -> n.asInt()).toList())
        .containsExactly(1, 2);
    assertThat(rejected.get(0).path("detail").asString()).startsWith("status:");
    assertThat(rejected.get(1).path("detail").asString()).startsWith("trackingNumber:");
    fixtures.awaitWritten();
    assertThat(api.get("/api/v1/admin/unmatched-events").body().findValuesAsString("eventId"))
        .contains("b-3");
    assertThat(
            jdbc.sql("select count(*) from tracking_events where event_id like 'b-%'")
                .query(Long.class)
                .single())
        .isEqualTo(2);
  }

  @Test
  void countsRepeatsWithinABatchAndStoresEachEventOnceAcrossBatches() {
    var trackingNumber = fixtures.shipment(fixtures.customer());
    var batch =
        List.of(item(trackingNumber, "d-1", "PICKED_UP"), item(trackingNumber, "d-1", "PICKED_UP"));

    var first = api.post("/api/v1/tracking-events", batch);
    var again = api.post("/api/v1/tracking-events", batch);
    fixtures.awaitWritten();

    assertThat(first.body().path("accepted").asInt()).isEqualTo(1);
    assertThat(first.body().path("duplicates").asInt()).isEqualTo(1);
    assertThat(again.body().path("accepted").asInt()).isEqualTo(1);
    assertThat(again.body().path("duplicates").asInt()).isEqualTo(1);
    assertThat(
            jdbc.sql("select count(*) from tracking_events where event_id = 'd-1'")
                .query(Long.class)
                .single())
        .isEqualTo(1);
  }

  @Test
  void takesNewlineDelimitedJson() {
    var trackingNumber = fixtures.shipment(fixtures.customer());
    var ndjson =
        IntStream.range(0, 3)
            .mapToObj(i -> JSON.writeValueAsString(item(trackingNumber, "n-" + i, "IN_TRANSIT")))
            .collect(Collectors.joining("\n", "", "\nnot json\n"));

    var response = api.post("/api/v1/tracking-events", "application/x-ndjson", ndjson);

    assertThat(response.status()).isEqualTo(202);
    assertThat(response.body().path("accepted").asInt()).isEqualTo(3);
    assertThat(response.body().path("rejected").findValues("index").getFirst().asInt())
        .isEqualTo(3);
  }

  @Test
  void refusesMoreThanTenThousandItemsWholeWith413() {
    var trackingNumber = fixtures.shipment(fixtures.customer());
    var batch = new ArrayList<Map<String, Object>>();
    for (int i = 0; i <= 10_000; i++) {
      batch.add(item(trackingNumber, "big-" + i, "IN_TRANSIT"));
    }

    var response = api.post("/api/v1/tracking-events", batch);
    fixtures.awaitWritten();

    assertThat(response.status()).isEqualTo(413);
    assertThat(response.contentType()).startsWith("application/problem+json");
    assertThat(
            jdbc.sql("select count(*) from tracking_events where event_id like 'big-%'")
                .query(Long.class)
                .single())
        .isZero();
  }

  @Test
  void refusesABodyOver16MiBWith413() {
    var response =
        api.post("/api/v1/tracking-events", "[\"" + "x".repeat(16 * 1024 * 1024) + "\"]");

    assertThat(response.status()).isEqualTo(413);
  }

  @Test
  void refusesABodyThatIsNotAnArray() {
    var response = api.post("/api/v1/tracking-events", Map.of("status", "IN_TRANSIT"));

    assertThat(response.status()).isEqualTo(400);
    assertThat(response.body().path("errors").findValuesAsString("field")).containsExactly("$");
  }
}
