package io.rastro.search;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;
import static org.awaitility.Awaitility.await;

import io.rastro.support.IntegrationTest;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/**
 * What every search engine answers alike, over HTTP: which shipments match each kind of text, place
 * and filter (ranking may differ between engines, the matches may not), tenancy, paging, bad input,
 * freshness and the check against the read model. Each engine's test runs this suite.
 */
abstract class SearchContract extends IntegrationTest {

  static final double[] MADRID = {40.4168, -3.7038};
  static final double[] ZARAGOZA = {41.6488, -0.8891};
  static final double[] ZARAGOZA_HUB = {41.6500, -0.8800};
  static final double[] LIMA = {-12.0464, -77.0428};
  static final double[] MEXICO_CITY = {19.4326, -99.1332};

  /** The data set, made once per engine's application. */
  private static final Map<Class<?>, World> WORLDS = new HashMap<>();

  /**
   * Two shippers, Librería Pérez (four shipments, placed in Madrid, Zaragoza, Lima and Mexico City)
   * and Pérez Hermanos (one), on two carriers.
   */
  record World(
      String perez,
      String perezKey,
      String hermanos,
      String hermanosKey,
      String toZaragoza,
      String limaToMexico,
      String lastSeenInLima,
      String fromZaragoza,
      String ofHermanos) {}

  World world;

  @BeforeEach
  void world() {
    world = WORLDS.computeIfAbsent(getClass(), c -> build());
  }

  private World build() {
    var ebro = carrier("Transportes Ebro");
    var andes = carrier("Andes Cargo");
    var perez = customer("Librería Pérez", "pedidos@libreriaperez.es");
    var hermanos = customer("Pérez Hermanos", "hola@perezhermanos.mx");
    var toZaragoza =
        fixtures.shipment(
            shipment(
                perez,
                "PO-2026-0042",
                ebro,
                address("Calle Mayor 1", "Madrid", "28013", "ES", MADRID),
                address("Calle Alfonso I 5", "Zaragoza", "50003", "ES", null)));
    var limaToMexico =
        fixtures.shipment(
            shipment(
                perez,
                "INV-9981",
                andes,
                address("Avenida Arequipa 200", "Lima", "15046", "PE", LIMA),
                address(
                    "Paseo de la Reforma 300", "Ciudad de México", "06600", "MX", MEXICO_CITY)));
    var lastSeenInLima =
        fixtures.shipment(
            shipment(
                perez,
                "ZX-555",
                andes,
                address("Calle Madero 10", "Ciudad de México", "06000", "MX", MEXICO_CITY),
                address("Gran Vía 28", "Madrid", "28013", "ES", MADRID)));
    var fromZaragoza =
        fixtures.shipment(
            shipment(
                perez,
                null,
                null,
                address("Paseo Independencia 8", "Zaragoza", "50004", "ES", ZARAGOZA),
                address("Rambla 3", "Barcelona", "08002", "ES", null)));
    var ofHermanos =
        fixtures.shipment(
            shipment(
                hermanos,
                "PO-2026-0043",
                ebro,
                address("Calle Mayor 2", "Madrid", "28013", "ES", MADRID),
                address("Calle Alfonso I 7", "Zaragoza", "50003", "ES", null)));
    fixtures.awaitWritten();
    record(toZaragoza, "e1", "PICKED_UP", "2026-11-27T09:00:00Z", "Madrid", MADRID, "Recogido");
    record(
        toZaragoza,
        "e2",
        "IN_TRANSIT",
        "2026-11-28T07:30:00Z",
        "Centro logístico Zaragoza",
        ZARAGOZA_HUB,
        "Llegada a plataforma");
    record(lastSeenInLima, "e1", "IN_TRANSIT", "2026-11-28T10:00:00Z", "Aduana Lima", LIMA, null);
    fixtures.refresh();
    var world =
        new World(
            perez,
            fixtures.apiKey("SHIPPER", perez, null),
            hermanos,
            fixtures.apiKey("SHIPPER", hermanos, null),
            toZaragoza,
            limaToMexico,
            lastSeenInLima,
            fromZaragoza,
            ofHermanos);
    awaitSearchEqualsReadModel();
    return world;
  }

  @Test
  void eachThingARemembersFindsItsShipmentAndNoOther() {
    var expected = new LinkedHashMap<String, Set<String>>();
    expected.put(world.toZaragoza(), Set.of(world.toZaragoza()));
    expected.put(world.toZaragoza().substring(0, 7), Set.of(world.toZaragoza()));
    expected.put("PO-2026-0042", Set.of(world.toZaragoza()));
    expected.put("PO-2026", Set.of(world.toZaragoza()));
    expected.put("PO20260", Set.of(world.toZaragoza()));
    expected.put("inv-9981", Set.of(world.limaToMexico()));
    expected.put("Alfonso", Set.of(world.toZaragoza()));
    // codes with digits match whole or by prefix, never one typo away: 50004 is another street
    expected.put("50003", Set.of(world.toZaragoza()));
    expected.put("5000", Set.of(world.toZaragoza(), world.fromZaragoza()));
    expected.put("reforma", Set.of(world.limaToMexico()));
    expected.put("Ebro", Set.of(world.toZaragoza()));
    expected.put("andes cargo", Set.of(world.limaToMexico(), world.lastSeenInLima()));
    expected.put("plataforma", Set.of(world.toZaragoza()));
    expected.put("aduana", Set.of(world.lastSeenInLima()));
    expected.put("zaragoza ebro", Set.of(world.toZaragoza()));
    expected.put("zaragoza", Set.of(world.toZaragoza(), world.fromZaragoza()));
    expected.put("barcelona", Set.of(world.fromZaragoza()));
    expected.put("madrid barcelona", Set.of());
    expected.put(
        "pedidos@libreriaperez.es",
        Set.of(
            world.toZaragoza(),
            world.limaToMexico(),
            world.lastSeenInLima(),
            world.fromZaragoza()));
    for (var entry : expected.entrySet()) {
      var answer = adminSearch("q=" + encode(entry.getKey()));
      assertThat(numbers(answer))
          .as("q=%s: %s", entry.getKey(), answer)
          .containsExactlyInAnyOrderElementsOf(entry.getValue());
    }
  }

  @Test
  void accentsCaseAndOneTypoInALongWordDoNotMatter() {
    var all =
        Set.of(
            world.toZaragoza(), world.limaToMexico(), world.lastSeenInLima(), world.fromZaragoza());
    assertThat(numbers(adminSearch("q=Perez"))).containsExactlyInAnyOrderElementsOf(all);
    assertThat(numbers(adminSearch("q=LIBRERÍA"))).containsExactlyInAnyOrderElementsOf(all);
    assertThat(numbers(adminSearch("q=" + encode("Logístico"))))
        .containsExactly(world.toZaragoza());
    assertThat(numbers(adminSearch("q=LOGISTICO"))).containsExactly(world.toZaragoza());
    // one letter replaced, removed, added, in words of five letters or more
    assertThat(numbers(adminSearch("q=Zarogoza")))
        .containsExactlyInAnyOrder(world.toZaragoza(), world.fromZaragoza());
    assertThat(numbers(adminSearch("q=plataorma"))).containsExactly(world.toZaragoza());
    assertThat(numbers(adminSearch("q=barcelonna"))).containsExactly(world.fromZaragoza());
    // two typos, or a typo in a short word, find nothing
    assertThat(numbers(adminSearch("q=Zorogozo"))).isEmpty();
    assertThat(numbers(adminSearch("q=lina"))).isEmpty();
  }

  @Test
  void nearFindsWhereTheParcelWasLastKnownToBe() {
    var zaragoza = adminSearch("near=" + point(ZARAGOZA) + "&radiusKm=50&sort=distance");
    assertThat(numbers(zaragoza)).containsExactly(world.fromZaragoza(), world.toZaragoza());
    var items = zaragoza.path("items");
    assertThat(items.get(0).path("distanceKm").asDouble()).isCloseTo(0, within(0.001));
    var hub = haversineKm(ZARAGOZA, ZARAGOZA_HUB);
    assertThat(items.get(1).path("distanceKm").asDouble()).isCloseTo(hub, within(hub / 100));

    // the parcel that left Mexico City was last seen in Lima; the one from Lima has no events
    assertThat(numbers(adminSearch("near=" + point(LIMA) + "&radiusKm=50")))
        .containsExactlyInAnyOrder(world.limaToMexico(), world.lastSeenInLima());
    assertThat(numbers(adminSearch("near=" + point(MEXICO_CITY) + "&radiusKm=500"))).isEmpty();

    var farther = adminSearch("near=" + point(MADRID) + "&radiusKm=400&sort=distance");
    // the hub lies a little east of the city centre, so farther from Madrid
    assertThat(numbers(farther)).containsExactly(world.fromZaragoza(), world.toZaragoza());
    var madridToHub = haversineKm(MADRID, ZARAGOZA_HUB);
    assertThat(farther.path("items").get(1).path("distanceKm").asDouble())
        .isCloseTo(madridToHub, within(madridToHub / 100));
  }

  @Test
  void destinationNearLooksAtWhereItGoes() {
    assertThat(
            numbers(
                adminSearch("destinationNear=" + point(MEXICO_CITY) + "&destinationRadiusKm=100")))
        .containsExactly(world.limaToMexico());
    assertThat(
            numbers(
                adminSearch(
                    "q=andes&destinationNear=" + point(MADRID) + "&destinationRadiusKm=10")))
        .containsExactly(world.lastSeenInLima());
  }

  @Test
  void filtersFacetsAndPagesAddUp() {
    var first = adminSearch("sort=newest&limit=3");
    assertThat(first.path("total").asLong()).isEqualTo(4);
    assertThat(first.path("facets").path("status").path("PENDING").asLong()).isEqualTo(2);
    assertThat(first.path("facets").path("status").path("IN_TRANSIT").asLong()).isEqualTo(2);
    assertThat(first.path("facets").path("carrier").size()).isEqualTo(2);
    var seen = new ArrayList<>(numbers(first));
    var cursor = first.path("nextCursor").asString();
    var second = adminSearch("sort=newest&limit=3&cursor=" + cursor);
    seen.addAll(numbers(second));
    assertThat(second.path("nextCursor").isNull()).isTrue();
    assertThat(seen)
        .containsExactly(
            world.fromZaragoza(), world.lastSeenInLima(), world.limaToMexico(), world.toZaragoza());

    assertThat(numbers(adminSearch("status=in_transit")))
        .containsExactlyInAnyOrder(world.toZaragoza(), world.lastSeenInLima());
    var onEbro = adminSearch("carrierCode=" + carrierOf(world.toZaragoza()));
    assertThat(numbers(onEbro)).containsExactly(world.toZaragoza());

    var byRelevance = new ArrayList<String>();
    var page = adminSearch("q=perez&limit=1");
    while (true) {
      byRelevance.addAll(numbers(page));
      if (page.path("nextCursor").isNull()) {
        break;
      }
      page = adminSearch("q=perez&limit=1&cursor=" + page.path("nextCursor").asString());
    }
    assertThat(byRelevance).doesNotHaveDuplicates().hasSize(4);
  }

  @Test
  void aShipperFindsOnlyItsOwnShipmentsAndCountsOnlyThem() {
    var asPerez = api.as(world.perezKey());
    var found = asPerez.get("/api/v1/shipments/search?q=perez").body();
    assertThat(numbers(found))
        .containsExactlyInAnyOrder(
            world.toZaragoza(), world.limaToMexico(), world.lastSeenInLima(), world.fromZaragoza());
    assertThat(found.path("total").asLong()).isEqualTo(4);
    var hermanos = api.as(world.hermanosKey()).get("/api/v1/shipments/search?q=PO-2026").body();
    assertThat(numbers(hermanos)).containsExactly(world.ofHermanos());
    assertThat(hermanos.path("facets").path("status").path("PENDING").asLong()).isEqualTo(1);
    assertThat(hermanos.path("total").asLong()).isEqualTo(1);
    var nearby =
        api.as(world.hermanosKey())
            .get("/api/v1/shipments/search?near=" + point(ZARAGOZA) + "&radiusKm=100")
            .body();
    assertThat(numbers(nearby)).isEmpty();
    assertThat(nearby.path("total").asLong()).isZero();
    var theirs =
        asPerez.get("/api/v1/shipments/search?q=perez&customerId=" + world.hermanos()).body();
    assertThat(numbers(theirs)).isEmpty();

    var carrierKey = fixtures.apiKey("CARRIER", null, carrierOf(world.toZaragoza()));
    assertThat(api.as(carrierKey).get("/api/v1/shipments/search?q=perez").status()).isEqualTo(403);
    assertThat(api.as(null).get("/api/v1/shipments/search?q=perez").status()).isEqualTo(401);
  }

  @Test
  void badInputIsRefusedNamingTheField() {
    assertRefused("near=zaragoza", "near");
    assertRefused("near=91,0", "near");
    assertRefused("near=" + point(ZARAGOZA) + "&radiusKm=0", "radiusKm");
    assertRefused("near=" + point(ZARAGOZA) + "&radiusKm=30000", "radiusKm");
    assertRefused("radiusKm=10", "radiusKm");
    assertRefused("limit=0", "limit");
    assertRefused("limit=101", "limit");
    assertRefused("q=" + "a".repeat(10_000), "q");
    assertRefused("q=" + encode("¿?!"), "q");
    assertRefused("sort=distance", "sort");
    assertRefused("sort=best", "sort");
    assertRefused("q=perez&cursor=not-a-cursor", "cursor");
    assertRefused("status=LOST", "status");
    assertRefused("createdFrom=2026-12-01T00:00:00Z&createdTo=2026-11-01T00:00:00Z", "createdTo");
  }

  @Test
  void aQueryLanguageInTheTextIsSearchedAsText() {
    for (var q :
        List.of(
            "status:DELIVERED OR *",
            "{\"match_all\":{}}",
            "zaragoza' OR '1'='1",
            "perez & !zaragoza | (x:*)")) {
      var answer =
          api.get("/api/v1/shipments/search?customerId=" + world.perez() + "&q=" + encode(q));
      assertThat(answer.status()).as(q).isEqualTo(200);
      assertThat(numbers(answer.body())).as(q).isEmpty();
    }
  }

  @Test
  void aNewEventIsSearchableWithinTwoSeconds() {
    // a customer of its own, so that the shared data set stays as it was
    var customer = customer("Ultramarinos Núñez", "tienda@nunez.es");
    var number =
        fixtures.shipment(
            shipment(
                customer,
                null,
                null,
                address("Plaza 1", "Huesca", null, "ES", null),
                address("Plaza 2", "Teruel", null, "ES", null)));
    fixtures.awaitWritten();
    fixtures.record(
        number,
        Map.of(
            "eventId",
            "fresh-1",
            "status",
            "OUT_FOR_DELIVERY",
            "occurredAt",
            "2026-11-29T08:00:00Z",
            "description",
            "Repartidor Quimbombo en ruta"));
    fixtures.awaitWritten();
    await()
        .atMost(Duration.ofSeconds(2))
        .pollInterval(Duration.ofMillis(50))
        .untilAsserted(() -> assertThat(numbers(search("q=quimbombo"))).containsExactly(number));
    var hit = search("q=quimbombo").path("items").get(0);
    assertThat(hit.path("status").asString()).isEqualTo("OUT_FOR_DELIVERY");
    assertThat(hit.path("lastEvent").path("eventId").asString()).isEqualTo("fresh-1");
    assertThat(hit.path("customerName").asString()).isEqualTo("Ultramarinos Núñez");
    assertThat(hit.path("origin").path("city").asString()).isEqualTo("Huesca");
  }

  @Test
  void theCheckFindsTheEngineEqualToTheReadModel() {
    awaitSearchEqualsReadModel();
    var check = api.get("/api/v1/admin/search/check").body();
    assertThat(check.path("sampled").asInt()).isPositive();
    assertThat(check.path("engine").asString()).isEqualTo(engine());
  }

  /** The engine's name, as the check reports it. */
  abstract String engine();

  void awaitSearchEqualsReadModel() {
    fixtures.refresh();
    await()
        .atMost(Duration.ofSeconds(30))
        .untilAsserted(
            () -> {
              var check = api.get("/api/v1/admin/search/check");
              assertThat(check.status()).as(check.raw()).isEqualTo(200);
              assertThat(check.body().path("differing").asLong()).as(check.raw()).isZero();
            });
  }

  // --- helpers

  /** A search by the admin key, within Librería Pérez's shipments. */
  JsonNode adminSearch(String query) {
    return search("customerId=" + world.perez() + "&" + query);
  }

  /** A search by the admin key. */
  JsonNode search(String query) {
    var answer = api.get("/api/v1/shipments/search?" + query);
    assertThat(answer.status()).as(query + ": " + answer.raw()).isEqualTo(200);
    return answer.body();
  }

  void assertRefused(String query, String field) {
    var answer = api.get("/api/v1/shipments/search?" + query);
    assertThat(answer.status()).as(query).isEqualTo(400);
    assertThat(answer.raw()).as(query).contains("\"" + field + "\"");
  }

  static List<String> numbers(JsonNode answer) {
    var numbers = new ArrayList<String>();
    answer.path("items").forEach(item -> numbers.add(item.path("trackingNumber").asString()));
    return numbers;
  }

  private String carrierOf(String trackingNumber) {
    return api.get("/api/v1/shipments/" + trackingNumber)
        .body()
        .path("carrier")
        .path("code")
        .asString();
  }

  private String carrier(String name) {
    var code = "C" + Long.toString(System.nanoTime(), 36).toUpperCase();
    var response = api.post("/api/v1/carriers", Map.of("code", code, "name", name));
    assertThat(response.status()).isEqualTo(201);
    return code;
  }

  private String customer(String name, String email) {
    var response = api.post("/api/v1/customers", Map.of("name", name, "email", email));
    assertThat(response.status()).isEqualTo(201);
    return response.text("id");
  }

  static Map<String, Object> shipment(
      String customer,
      String reference,
      String carrier,
      Map<String, Object> origin,
      Map<String, Object> destination) {
    var body = new LinkedHashMap<String, Object>();
    body.put("customerId", customer);
    if (reference != null) {
      body.put("reference", reference);
    }
    if (carrier != null) {
      body.put("carrierCode", carrier);
    }
    body.put("origin", origin);
    body.put("destination", destination);
    return body;
  }

  static Map<String, Object> address(
      String line1, String city, String postalCode, String country, double[] at) {
    var address = new LinkedHashMap<String, Object>();
    address.put("line1", line1);
    address.put("city", city);
    if (postalCode != null) {
      address.put("postalCode", postalCode);
    }
    address.put("country", country);
    if (at != null) {
      address.put("lat", at[0]);
      address.put("lon", at[1]);
    }
    return address;
  }

  private void record(
      String number,
      String id,
      String status,
      String occurredAt,
      String place,
      double[] at,
      String description) {
    var event = new LinkedHashMap<String, Object>();
    event.put("eventId", id);
    event.put("status", status);
    event.put("occurredAt", occurredAt);
    event.put("location", Map.of("name", place, "lat", at[0], "lon", at[1]));
    if (description != null) {
      event.put("description", description);
    }
    fixtures.record(number, event);
  }

  static String point(double[] at) {
    return at[0] + "," + at[1];
  }

  static String encode(String text) {
    return URLEncoder.encode(text, StandardCharsets.UTF_8);
  }

  /** An independent haversine on Elasticsearch's mean radius, to check the answers' distances. */
  static double haversineKm(double[] a, double[] b) {
    double r = 6371.0087714;
    double dLat = Math.toRadians(b[0] - a[0]);
    double dLon = Math.toRadians(b[1] - a[1]);
    double h =
        Math.sin(dLat / 2) * Math.sin(dLat / 2)
            + Math.cos(Math.toRadians(a[0]))
                * Math.cos(Math.toRadians(b[0]))
                * Math.sin(dLon / 2)
                * Math.sin(dLon / 2);
    return 2 * r * Math.asin(Math.sqrt(h));
  }
}
