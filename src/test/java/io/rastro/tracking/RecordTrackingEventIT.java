package io.rastro.tracking;

import static io.rastro.support.Fixtures.event;
import static org.assertj.core.api.Assertions.assertThat;

import io.rastro.shipment.TrackingNumber;
import io.rastro.support.Api;
import io.rastro.support.IntegrationTest;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.assertj.core.data.TemporalUnitWithinOffset;
import org.junit.jupiter.api.Test;

class RecordTrackingEventIT extends IntegrationTest {

  private long eventsOf(String trackingNumber) {
    return jdbc.sql(
            "select count(*) from tracking_events e join shipments s on s.id = e.shipment_id"
                + " where s.tracking_number = ?")
        .param(trackingNumber)
        .query(Long.class)
        .single();
  }

  @Test
  void acceptsAnEventAndStoresBothTimes() {
    var trackingNumber = fixtures.shipment(fixtures.customer());

    var response =
        api.post(
            "/api/v1/shipments/" + trackingNumber.toLowerCase() + "/events",
            event("scan-1", "PICKED_UP", "2026-11-28T10:00:00+01:00"));

    assertThat(response.status()).isEqualTo(202);
    assertThat(response.text("trackingNumber")).isEqualTo(trackingNumber);
    assertThat(response.text("eventId")).isEqualTo("scan-1");
    fixtures.awaitWritten();
    var stored =
        jdbc.sql("select occurred_at, received_at from tracking_events where event_id = 'scan-1'")
            .query(
                (rs, n) ->
                    new Instant[] {rs.getTimestamp(1).toInstant(), rs.getTimestamp(2).toInstant()})
            .single();
    assertThat(stored[0]).isEqualTo(Instant.parse("2026-11-28T09:00:00Z"));
    assertThat(stored[1])
        .isCloseTo(Instant.now(), new TemporalUnitWithinOffset(1, ChronoUnit.MINUTES));
  }

  @Test
  void anEventSentTwiceWithItsIdIsStoredOnce() {
    var trackingNumber = fixtures.shipment(fixtures.customer());
    var event = event("scan-2", "IN_TRANSIT", "2026-11-28T10:00:00Z");

    fixtures.record(trackingNumber, event);
    fixtures.record(trackingNumber, event);
    fixtures.awaitWritten();
    fixtures.record(trackingNumber, event);
    fixtures.awaitWritten();

    assertThat(eventsOf(trackingNumber)).isEqualTo(1);
  }

  @Test
  void anIdenticalRetryWithoutAnIdIsADuplicateAndADifferentEventIsNot() {
    var trackingNumber = fixtures.shipment(fixtures.customer());
    var event = event("x", "IN_TRANSIT", "2026-11-28T10:00:00Z");
    event.remove("eventId");

    var first = api.post("/api/v1/shipments/" + trackingNumber + "/events", event);
    var retry = api.post("/api/v1/shipments/" + trackingNumber + "/events", event);
    var other = new HashMap<>(event);
    other.put("description", "Arrived at hub");
    var different = api.post("/api/v1/shipments/" + trackingNumber + "/events", other);
    fixtures.awaitWritten();

    assertThat(retry.text("eventId")).isEqualTo(first.text("eventId")).startsWith("auto-");
    assertThat(different.text("eventId")).isNotEqualTo(first.text("eventId"));
    assertThat(eventsOf(trackingNumber)).isEqualTo(2);
  }

  @Test
  void aMistypedTrackingNumberIs400AndAnUnknownOneWaitsForItsShipment() {
    var trackingNumber = fixtures.shipment(fixtures.customer());
    var last = trackingNumber.charAt(trackingNumber.length() - 1);
    var mistyped =
        trackingNumber.substring(0, trackingNumber.length() - 1) + (last == 'A' ? 'B' : 'A');
    var body = event("e", "IN_TRANSIT", "2026-11-28T10:00:00Z");

    var unknown = TrackingNumber.generate(new Random(7));

    var typo = api.post("/api/v1/shipments/" + mistyped + "/events", body);
    var notFound = api.post("/api/v1/shipments/" + unknown + "/events", body);

    assertThat(typo.status()).isEqualTo(400);
    assertThat(typo.text("detail")).contains("check character");
    assertThat(notFound.status()).isEqualTo(202);
    fixtures.awaitWritten();
    assertThat(
            api.get("/api/v1/admin/unmatched-events").body().findValuesAsString("trackingNumber"))
        .contains(unknown.value());
  }

  @Test
  void badEventsAre400NamingTheFieldAndStoreNothing() {
    var trackingNumber = fixtures.shipment(fixtures.customer());
    var path = "/api/v1/shipments/" + trackingNumber + "/events";
    var future = Instant.now().plus(2, ChronoUnit.DAYS).toString();
    var farAway = event("e3", "IN_TRANSIT", "2026-11-28T10:00:00Z");
    farAway.put("location", Map.of("lat", 123.0, "lon", 0.0));
    var longId = event("e".repeat(65), "IN_TRANSIT", "2026-11-28T10:00:00Z");

    assertThat(fieldsOf(api.post(path, event("e1", "LOST_IN_SPACE", "2026-11-28T10:00:00Z"))))
        .containsExactly("status");
    assertThat(fieldsOf(api.post(path, event("e2", "IN_TRANSIT", future))))
        .containsExactly("occurredAt");
    assertThat(fieldsOf(api.post(path, farAway))).containsExactly("location.lat");
    assertThat(fieldsOf(api.post(path, longId))).containsExactly("eventId");
    assertThat(fieldsOf(api.post(path, Map.of("status", "IN_TRANSIT"))))
        .containsExactly("occurredAt");
    fixtures.awaitWritten();
    assertThat(eventsOf(trackingNumber)).isZero();
  }

  private static List<String> fieldsOf(Api.Response response) {
    assertThat(response.status()).isEqualTo(400);
    assertThat(response.contentType()).startsWith("application/problem+json");
    return response.body().path("errors").findValuesAsString("field");
  }
}
