package io.rastro.analytics;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.rastro.support.Api;
import io.rastro.support.IntegrationTest;
import java.time.DayOfWeek;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.temporal.TemporalAdjusters;
import java.util.ArrayList;
import java.util.List;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.TestMethodOrder;
import tools.jackson.databind.JsonNode;

/**
 * What every analytics engine answers on the known data set ({@link AnalyticsDataSet}), over real
 * HTTP: each figure worked out by hand. Percentiles are nearest-rank, exact, so they are compared
 * exactly too. One subclass per engine.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
abstract class AnalyticsContract extends IntegrationTest {

  private @Nullable AnalyticsDataSet data;

  /** The engine's name, as the check reports it. */
  abstract String engine();

  /** Whether the engine writes Parquet. */
  abstract boolean writesParquet();

  @BeforeEach
  void loadTheDataSet() {
    if (data == null) {
      data = new AnalyticsDataSet(api, fixtures);
      fixtures.awaitWritten();
      assertThat(check().path("caughtUp").asBoolean()).isTrue();
    }
  }

  private AnalyticsDataSet data() {
    assertThat(data).isNotNull();
    return data;
  }

  @Test
  @Order(1)
  void theCheckAgainstTheWriteModelFindsNoDifference() {
    var check = check();
    assertThat(check.path("differing").asInt()).as(check.toString()).isZero();
    assertThat(check.path("carriers").asInt()).isEqualTo(2);
    assertThat(check.path("engine").asString()).isEqualTo(engine());
    var yesterday = LocalDate.now(ZoneOffset.UTC).minusDays(1);
    var window = api.get("/api/v1/admin/analytics/check?from=" + yesterday);
    assertThat(window.body().path("differing").asInt()).as(window.raw()).isZero();
    assertThat(window.body().path("carriers").asInt()).isEqualTo(2);
    var before = api.get("/api/v1/admin/analytics/check?to=" + yesterday);
    assertThat(before.body().path("carriers").asInt()).as(before.raw()).isZero();
  }

  @Test
  @Order(1)
  void deliveryPerformanceByCarrier() {
    var rows = rows("/api/v1/analytics/delivery-performance?groupBy=carrier");
    var c1 = row(rows, data().carrier1);
    performance(c1, 3, 3, 2, 1, 0.5, 49, 58, 58);
    var c2 = row(rows, data().carrier2);
    performance(c2, 3, 1, 1, 1, 1.0, 98, 98, 98);
    assertThat(rows).hasSize(2);
  }

  @Test
  @Order(1)
  void deliveryPerformanceByLaneDestinationAndWeek() {
    var lanes = rows("/api/v1/analytics/delivery-performance?groupBy=lane");
    assertThat(groups(lanes)).containsExactly("ES-FR", "ES-PE", "PT-PE");
    performance(row(lanes, "ES-PE"), 3, 2, 2, 1, 0.5, 49, 58, 58);
    performance(row(lanes, "ES-FR"), 1, 1, 0, 0, null, 24, 24, 24);
    performance(row(lanes, "PT-PE"), 2, 1, 1, 1, 1.0, 98, 98, 98);

    var countries = rows("/api/v1/analytics/delivery-performance?groupBy=destinationCountry");
    assertThat(groups(countries)).containsExactly("FR", "PE");
    performance(row(countries, "PE"), 5, 3, 3, 2, 2.0 / 3, 58, 98, 98);

    var weeks = rows("/api/v1/analytics/delivery-performance?groupBy=week");
    var monday =
        LocalDate.now(ZoneOffset.UTC).with(TemporalAdjusters.previousOrSame(DayOfWeek.MONDAY));
    assertThat(groups(weeks)).containsExactly(monday + "T00:00:00Z");
    performance(weeks.get(0), 6, 4, 3, 2, 2.0 / 3, 49, 98, 98);
  }

  @Test
  @Order(1)
  void filtersNarrowTheShipmentsCounted() {
    var portugal = rows("/api/v1/analytics/delivery-performance?groupBy=lane&originCountry=pt");
    assertThat(groups(portugal)).containsExactly("PT-PE");
    var one =
        rows(
            "/api/v1/analytics/delivery-performance?groupBy=carrier&destinationCountry=PE&carrierCode="
                + data().carrier2);
    performance(one.get(0), 3, 1, 1, 1, 1.0, 98, 98, 98);
    var yesterday = LocalDate.now(ZoneOffset.UTC).minusDays(1);
    assertThat(rows("/api/v1/analytics/delivery-performance?to=" + yesterday)).isEmpty();
    assertThat(rows("/api/v1/analytics/delivery-performance?from=" + yesterday)).hasSize(2);
  }

  @Test
  @Order(1)
  void volumeByDay() {
    var days = rows("/api/v1/analytics/volume?interval=day");
    var day0 = data().day0;
    var today = LocalDate.now(ZoneOffset.UTC);
    assertThat(groups(days, "bucket"))
        .containsExactly(
            midnight(day0),
            midnight(day0.plusDays(1)),
            midnight(day0.plusDays(2)),
            midnight(day0.plusDays(3)),
            midnight(day0.plusDays(4)),
            midnight(today));
    volume(days.get(0), 0, 7, 0, 0);
    volume(days.get(1), 0, 2, 1, 1);
    volume(days.get(2), 0, 3, 2, 0);
    volume(days.get(3), 0, 1, 0, 0);
    volume(days.get(4), 0, 2, 1, 0);
    volume(days.get(5), 6, 0, 0, 0);

    var hours = rows("/api/v1/analytics/volume?interval=hour");
    assertThat(sum(hours, "trackingEvents")).isEqualTo(15);
    assertThat(sum(hours, "shipments")).isEqualTo(6);
    assertThat(hours.get(0).path("bucket").asString()).isEqualTo(day0 + "T00:00:00Z");
    assertThat(hours.get(0).path("trackingEvents").asLong()).isEqualTo(3);

    var weeks = rows("/api/v1/analytics/volume?interval=week");
    assertThat(sum(weeks, "trackingEvents")).isEqualTo(15);
    assertThat(sum(weeks, "deliveries")).isEqualTo(4);
    for (var week : weeks) {
      assertThat(LocalDate.parse(week.path("bucket").asString().substring(0, 10)).getDayOfWeek())
          .isEqualTo(DayOfWeek.MONDAY);
    }
  }

  @Test
  @Order(1)
  void exceptionsByReasonCarrierAndCity() {
    var answer = get("/api/v1/analytics/exceptions?groupBy=reason");
    assertThat(answer.path("shipments").asLong()).isEqualTo(6);
    var reasons = answer.path("rows").valueStream().toList();
    assertThat(groups(reasons)).containsExactly("ADDRESS_UNKNOWN", "NOBODY_HOME", "REFUSED");
    exceptions(row(reasons, "ADDRESS_UNKNOWN"), 1, 0, 0, 1, 0, 0);
    exceptions(row(reasons, "NOBODY_HOME"), 0, 0, 2, 0, 0, 1);
    exceptions(row(reasons, "REFUSED"), 0, 1, 0, 0, 1, 0);

    var carriers = rows("/api/v1/analytics/exceptions?groupBy=carrier");
    exceptions(row(carriers, data().carrier1), 1, 0, 0, 1, 0, 0);
    exceptions(row(carriers, data().carrier2), 0, 1, 2, 0, 1, 1);

    var cities = rows("/api/v1/analytics/exceptions?groupBy=city");
    assertThat(groups(cities)).containsExactly("Lima, PE", "Lisboa, PT");
    exceptions(row(cities, "Lima, PE"), 1, 0, 2, 1, 0, 1);
    exceptions(row(cities, "Lisboa, PT"), 0, 1, 0, 0, 1, 0);
  }

  @Test
  @Order(1)
  void dwellByCity() {
    var places = rows("/api/v1/analytics/dwell?groupBy=city");
    assertThat(groups(places)).containsExactly("Lima, PE", "Lisboa, PT", "Madrid, ES");
    dwell(row(places, "Lima, PE"), 4, 20, 38);
    dwell(row(places, "Lisboa, PT"), 1, 48, 48);
    dwell(row(places, "Madrid, ES"), 1, 2, 2);
  }

  @Test
  @Order(1)
  void everyAnswerSaysWhatItCovers() {
    var answer = get("/api/v1/analytics/dwell");
    var asOf = Instant.parse(answer.path("asOf").asString());
    assertThat(asOf).isBefore(Instant.now()).isAfter(Instant.now().minus(Duration.ofMinutes(10)));
    assertThat(answer.path("includesArchive").isBoolean()).isTrue();
    assertThat(answer.path("includesArchive").asBoolean()).isTrue();
  }

  @Test
  @Order(1)
  void csvCarriesTheSameFigures() {
    var csv = api.get("/api/v1/analytics/delivery-performance?groupBy=lane&format=csv");
    assertThat(csv.status()).isEqualTo(200);
    assertThat(csv.contentType()).startsWith("text/csv");
    assertThat(csv.headers().firstValue("Content-Disposition").orElseThrow())
        .contains("delivery-performance.csv");
    assertThat(csv.raw().lines().toList())
        .containsExactly(
            "group,shipments,delivered,deliveredWithPromise,onTime,onTimeRate,"
                + "transitHours.p50,transitHours.p90,transitHours.p99",
            "ES-FR,1,1,0,0,,24.0,24.0,24.0",
            "ES-PE,3,2,2,1,0.5,49.0,58.0,58.0",
            "PT-PE,2,1,1,1,1.0,98.0,98.0,98.0");
  }

  @Test
  @Order(1)
  void parquetIsAParquetFileWhereTheEngineWritesOne() {
    var parquet = api.get("/api/v1/analytics/volume?format=parquet");
    if (writesParquet()) {
      assertThat(parquet.status()).isEqualTo(200);
      assertThat(parquet.contentType()).isEqualTo("application/vnd.apache.parquet");
      assertThat(parquet.raw()).startsWith("PAR1");
    } else {
      badRequest(parquet, "format");
    }
  }

  @Test
  @Order(1)
  void aShipperSeesItsOwnCustomersFiguresOnly() {
    var shipperA = api.as(fixtures.apiKey("SHIPPER", data().customerA, null));
    var rowsA = body(shipperA.get("/api/v1/analytics/delivery-performance")).path("rows");
    assertThat(groups(rowsA.valueStream().toList())).containsExactly(data().carrier1);
    var shipperB = api.as(fixtures.apiKey("SHIPPER", data().customerB, null));
    var rowsB =
        body(shipperB.get(
                "/api/v1/analytics/exceptions?groupBy=carrier&carrierCode=" + data().carrier1))
            .path("rows");
    assertThat(rowsB.isEmpty()).isTrue();
    var operator = api.as(fixtures.apiKey("OPERATOR", null, null));
    assertThat(body(operator.get("/api/v1/analytics/volume")).path("rows").size()).isEqualTo(6);
  }

  @Test
  @Order(1)
  void carriersAndThePublicMayNotAsk() {
    var carrier = api.as(fixtures.apiKey("CARRIER", null, data().carrier1));
    assertThat(carrier.get("/api/v1/analytics/delivery-performance").status()).isEqualTo(403);
    assertThat(carrier.get("/api/v1/admin/analytics/check").status()).isEqualTo(403);
    var shipper = api.as(fixtures.apiKey("SHIPPER", data().customerA, null));
    assertThat(shipper.get("/api/v1/admin/analytics/check").status()).isEqualTo(403);
    assertThat(api.as(null).get("/api/v1/analytics/volume").status()).isEqualTo(401);
  }

  @Test
  @Order(1)
  void badInputIsRefusedNamingTheParameter() {
    badRequest(api.get("/api/v1/analytics/delivery-performance?groupBy=planet"), "groupBy");
    badRequest(api.get("/api/v1/analytics/exceptions?groupBy=lane"), "groupBy");
    badRequest(api.get("/api/v1/analytics/dwell?groupBy=carrier"), "groupBy");
    badRequest(api.get("/api/v1/analytics/volume?interval=minute"), "interval");
    badRequest(api.get("/api/v1/analytics/volume?from=2026-06-02&to=2026-06-01"), "from");
    badRequest(api.get("/api/v1/analytics/volume?from=1950-01-01&to=2050-01-01"), "from");
    badRequest(api.get("/api/v1/analytics/volume?from=yesterday"), "from");
    badRequest(api.get("/api/v1/analytics/volume?format=xlsx"), "format");
    badRequest(api.get("/api/v1/analytics/volume?originCountry=Spain"), "originCountry");
    badRequest(api.get("/api/v1/analytics/volume?carrierCode=a'b"), "carrierCode");
  }

  /** Runs last: its shipment would change the figures the others expect. */
  @Test
  @Order(2)
  void aDeliveryShowsWithinAMinute() {
    var carrier = fixtures.carrier();
    var number = data().shipment(data().customerA, carrier, "Madrid", "ES", "Lima", "PE", 20);
    data().event(number, "PICKED_UP", 200, "Madrid", "ES", null);
    var path = "/api/v1/analytics/delivery-performance?carrierCode=" + carrier;
    await()
        .atMost(Duration.ofSeconds(60))
        .pollInterval(Duration.ofMillis(200))
        .until(() -> rows(path).size() == 1);
    data().event(number, "DELIVERED", 230, "Lima", "PE", null);
    await()
        .atMost(Duration.ofSeconds(60))
        .pollInterval(Duration.ofMillis(200))
        .untilAsserted(() -> performance(rows(path).get(0), 1, 1, 1, 1, 1.0, 30, 30, 30));
    assertThat(check().path("differing").asInt()).isZero();
  }

  // --- helpers

  JsonNode check() {
    var check = api.get("/api/v1/admin/analytics/check");
    assertThat(check.status()).as(check.raw()).isEqualTo(200);
    return check.body();
  }

  private JsonNode get(String path) {
    return body(api.get(path));
  }

  private static JsonNode body(Api.Response response) {
    assertThat(response.status()).as(response.raw()).isEqualTo(200);
    return response.body();
  }

  private List<JsonNode> rows(String path) {
    return get(path).path("rows").valueStream().toList();
  }

  private static JsonNode row(List<JsonNode> rows, String group) {
    return rows.stream()
        .filter(r -> r.path("group").asString().equals(group))
        .findFirst()
        .orElseThrow(() -> new AssertionError("no row " + group + " in " + rows));
  }

  private static List<String> groups(List<JsonNode> rows) {
    return groups(rows, "group");
  }

  private static List<String> groups(List<JsonNode> rows, String field) {
    var groups = new ArrayList<String>();
    rows.forEach(r -> groups.add(r.path(field).asString()));
    return groups;
  }

  private static long sum(List<JsonNode> rows, String field) {
    return rows.stream().mapToLong(r -> r.path(field).asLong()).sum();
  }

  private static String midnight(LocalDate day) {
    return day + "T00:00:00Z";
  }

  private static void performance(
      JsonNode row,
      long shipments,
      long delivered,
      long withPromise,
      long onTime,
      @Nullable Double rate,
      double p50,
      double p90,
      double p99) {
    assertThat(row.path("shipments").asLong()).as("shipments in %s", row).isEqualTo(shipments);
    assertThat(row.path("delivered").asLong()).as("delivered in %s", row).isEqualTo(delivered);
    assertThat(row.path("deliveredWithPromise").asLong()).as("%s", row).isEqualTo(withPromise);
    assertThat(row.path("onTime").asLong()).as("onTime in %s", row).isEqualTo(onTime);
    if (rate == null) {
      assertThat(row.path("onTimeRate").isNull()).as("rate in %s", row).isTrue();
    } else {
      assertThat(row.path("onTimeRate").asDouble()).as("rate in %s", row).isEqualTo(rate);
    }
    var transit = row.path("transitHours");
    assertThat(transit.path("p50").asDouble()).as("p50 in %s", row).isEqualTo(p50);
    assertThat(transit.path("p90").asDouble()).as("p90 in %s", row).isEqualTo(p90);
    assertThat(transit.path("p99").asDouble()).as("p99 in %s", row).isEqualTo(p99);
  }

  private static void volume(
      JsonNode row, long shipments, long events, long deliveries, long exceptions) {
    assertThat(row.path("shipments").asLong()).as("%s", row).isEqualTo(shipments);
    assertThat(row.path("trackingEvents").asLong()).as("%s", row).isEqualTo(events);
    assertThat(row.path("deliveries").asLong()).as("%s", row).isEqualTo(deliveries);
    assertThat(row.path("exceptions").asLong()).as("%s", row).isEqualTo(exceptions);
  }

  private static void exceptions(
      JsonNode row,
      long exceptions,
      long returns,
      long attempts,
      long withException,
      long returned,
      long attempted) {
    assertThat(row.path("exceptions").asLong()).as("%s", row).isEqualTo(exceptions);
    assertThat(row.path("returns").asLong()).as("%s", row).isEqualTo(returns);
    assertThat(row.path("failedAttempts").asLong()).as("%s", row).isEqualTo(attempts);
    assertThat(row.path("shipmentsWithException").asLong()).as("%s", row).isEqualTo(withException);
    assertThat(row.path("shipmentsReturned").asLong()).as("%s", row).isEqualTo(returned);
    assertThat(row.path("shipmentsWithFailedAttempt").asLong()).as("%s", row).isEqualTo(attempted);
    assertThat(row.path("exceptionShare").asDouble()).isEqualTo(withException / 6.0);
    assertThat(row.path("returnShare").asDouble()).isEqualTo(returned / 6.0);
    assertThat(row.path("failedAttemptShare").asDouble()).isEqualTo(attempted / 6.0);
  }

  private static void dwell(JsonNode row, long stays, double p50, double p90) {
    assertThat(row.path("stays").asLong()).as("%s", row).isEqualTo(stays);
    assertThat(row.path("dwellHours").path("p50").asDouble()).as("%s", row).isEqualTo(p50);
    assertThat(row.path("dwellHours").path("p90").asDouble()).as("%s", row).isEqualTo(p90);
  }

  static void badRequest(Api.Response response, String field) {
    assertThat(response.status()).as(response.raw()).isEqualTo(400);
    assertThat(response.contentType()).startsWith("application/problem+json");
    assertThat(response.raw()).contains("\"" + field + "\"");
  }
}
