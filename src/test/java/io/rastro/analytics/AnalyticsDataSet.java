package io.rastro.analytics;

import static org.assertj.core.api.Assertions.assertThat;

import io.rastro.support.Api;
import io.rastro.support.Fixtures;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.LinkedHashMap;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * The known data set of the analytics tests: two customers, two carriers, three lanes, six
 * shipments with known pick-up and delivery times, promised dates, exceptions and their reasons.
 * Its events happen from day {@link #day0} on, ten days ago; every figure a report gives on it is
 * worked out by hand in {@link AnalyticsContract}.
 */
final class AnalyticsDataSet {

  final LocalDate day0 = LocalDate.now(ZoneOffset.UTC).minusDays(10);
  final String customerA;
  final String customerB;
  final String carrier1;
  final String carrier2;

  private final Api api;
  private final Fixtures fixtures;

  AnalyticsDataSet(Api api, Fixtures fixtures) {
    this.api = api;
    this.fixtures = fixtures;
    customerA = fixtures.customer();
    customerB = fixtures.customer();
    carrier1 = fixtures.carrier();
    carrier2 = fixtures.carrier();

    var s1 = shipment(customerA, carrier1, "Madrid", "ES", "Lima", "PE", 3);
    event(s1, "PICKED_UP", 0, "Madrid", "ES", null);
    event(s1, "IN_TRANSIT", 2, "Madrid", "ES", null);
    event(s1, "IN_TRANSIT", 20, "Lima", "PE", null);
    event(s1, "DELIVERED", 58, "Lima", "PE", null);

    var s2 = shipment(customerA, carrier1, "Madrid", "ES", "Lima", "PE", 1);
    event(s2, "PICKED_UP", 1, "Madrid", "ES", null);
    event(s2, "EXCEPTION", 30, "Lima", "PE", "ADDRESS_UNKNOWN");
    event(s2, "DELIVERED", 50, "Lima", "PE", null);

    var s3 = shipment(customerA, carrier1, "Madrid", "ES", "Paris", "FR", null);
    event(s3, "PICKED_UP", 0, "Madrid", "ES", null);
    event(s3, "DELIVERED", 24, "Paris", "FR", null);

    var s4 = shipment(customerB, carrier2, "Lisboa", "PT", "Lima", "PE", 5);
    event(s4, "PICKED_UP", 2, "Lisboa", "PT", null);
    event(s4, "DELIVERY_ATTEMPTED", 72, "Lima", "PE", "NOBODY_HOME");
    event(s4, "DELIVERY_ATTEMPTED", 96, "Lima", "PE", "NOBODY_HOME");
    event(s4, "DELIVERED", 100, "Lima", "PE", null);

    var s5 = shipment(customerB, carrier2, "Lisboa", "PT", "Lima", "PE", 2);
    event(s5, "PICKED_UP", 0, "Lisboa", "PT", null);
    event(s5, "RETURNED_TO_SENDER", 48, "Lisboa", "PT", "REFUSED");

    shipment(customerB, carrier2, "Madrid", "ES", "Lima", "PE", 10);
  }

  /** A shipment, promised so many days after day 0 (none when null). */
  String shipment(
      String customer,
      String carrier,
      String fromCity,
      String fromCountry,
      String toCity,
      String toCountry,
      @Nullable Integer promisedAfterDays) {
    var body = new LinkedHashMap<String, Object>();
    body.put("customerId", customer);
    body.put("carrierCode", carrier);
    body.put("origin", Fixtures.address(fromCity, fromCountry));
    body.put("destination", Fixtures.address(toCity, toCountry));
    if (promisedAfterDays != null) {
      body.put("promisedDeliveryDate", day0.plusDays(promisedAfterDays).toString());
    }
    return fixtures.shipment(body);
  }

  private int events;

  /** An event so many hours after the start of day 0. */
  void event(
      String trackingNumber,
      String status,
      int hoursAfterDay0,
      String city,
      String country,
      @Nullable String reason) {
    var body = new LinkedHashMap<String, Object>();
    body.put("eventId", "ev-" + ++events);
    body.put("status", status);
    body.put("occurredAt", at(hoursAfterDay0).toString());
    body.put("location", Map.of("city", city, "country", country));
    if (reason != null) {
      body.put("reason", reason);
    }
    var response = api.post("/api/v1/shipments/" + trackingNumber + "/events", body);
    assertThat(response.status()).as(response.raw()).isEqualTo(202);
  }

  Instant at(int hoursAfterDay0) {
    return day0.atStartOfDay(ZoneOffset.UTC).toInstant().plus(Duration.ofHours(hoursAfterDay0));
  }
}
