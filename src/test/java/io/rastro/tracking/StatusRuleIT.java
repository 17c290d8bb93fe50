package io.rastro.tracking;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.rastro.RastroApplication;
import io.rastro.support.Api;
import io.rastro.support.Fixtures;
import io.rastro.support.TestDatabase;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.stream.IntStream;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.lifecycle.AfterContainer;
import net.jqwik.api.lifecycle.BeforeContainer;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.web.server.context.WebServerApplicationContext;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * The status rule: a shipment's status is that of its latest event by occurredAt, ties broken by
 * lifecycle order, then by event id byte by byte. Random histories, full of ties and of event ids
 * that differ only in case or punctuation, arrive in random batches and orders; every path that
 * computes a status must give the rule's answer: the write side's current status, the projection
 * (and the API that reads it), the materialized view, and the rebuild of the projection.
 */
class StatusRuleIT {

  private static final Instant DAY = Instant.parse("2026-11-20T08:00:00Z");

  /**
   * Event ids are printable ASCII: these differ in case and punctuation, which locales order apart.
   */
  private static final List<String> IDS =
      List.of(
          "a", "A", "b", "B", "z", "Z", "aa", "a-1", "a_1", "a.1", "A-1", "_a", "-a", "0", "~",
          "a1");

  private static ConfigurableApplicationContext rastro;
  private static Fixtures fixtures;
  private static Api api;
  private static JdbcClient jdbc;
  private static TransactionTemplate transaction;
  private static String customer;

  @BeforeContainer
  static void start() {
    TestDatabase.assumeAvailable();
    var database =
        TestDatabase.onServer()
            ? new String[] {
              "--spring.datasource.url=" + TestDatabase.freshServerDatabase(),
              "--spring.datasource.username=postgres"
            }
            : new String[] {"--rastro.data-dir=" + TestDatabase.freshDirectory()};
    rastro =
        new SpringApplicationBuilder(RastroApplication.class)
            .run(
                concat(
                    database,
                    "--server.port=0",
                    "--rastro.read-model.refresh-interval=0",
                    "--rastro.security.rate-limit.public-per-minute=60000",
                    "--rastro.security.rate-limit.public-burst=10000",
                    "--rastro.security.bootstrap-admin-key=" + Api.ADMIN_KEY));
    var port = ((WebServerApplicationContext) rastro).getWebServer().getPort();
    api = new Api(port);
    fixtures = new Fixtures(api);
    jdbc = rastro.getBean(JdbcClient.class);
    transaction = rastro.getBean(TransactionTemplate.class);
    customer = fixtures.customer();
  }

  @AfterContainer
  static void stop() {
    if (rastro != null) {
      rastro.close();
    }
  }

  /** One event of a history: its id, its status, and its minute of the day (ties are common). */
  record Event(String eventId, TrackingStatus status, int minute) {

    Instant occurredAt() {
      return DAY.plus(Duration.ofMinutes(minute));
    }
  }

  @Provide
  Arbitrary<List<Event>> histories() {
    var event =
        Combinators.combine(
                Arbitraries.of(IDS),
                Arbitraries.of(TrackingStatus.class),
                Arbitraries.integers().between(0, 3))
            .as(Event::new);
    return event.list().ofMinSize(1).ofMaxSize(12).uniqueElements(Event::eventId);
  }

  @Property(tries = 40)
  void everyPathGivesTheRulesStatus(
      @ForAll("histories") List<Event> history, @ForAll long arrivalSeed) {
    var trackingNumber = fixtures.shipment(customer);
    fixtures.awaitWritten();
    send(trackingNumber, history, new Random(arrivalSeed));
    await()
        .atMost(Duration.ofSeconds(30))
        .untilAsserted(
            () ->
                assertThat(eventCount(trackingNumber))
                    .as(
                        "events projected of %s: written %s, projected %s",
                        history,
                        eventIds("tracking_events", trackingNumber),
                        eventIds("shipment_projection_events", trackingNumber))
                    .isEqualTo(history.size()));

    var expected = latest(history);
    var rule = List.of(expected.status().name(), expected.eventId());
    assertThat(writeSide(trackingNumber)).as("the write side's status").isEqualTo(rule);
    assertThat(projection(trackingNumber)).as("the projection").isEqualTo(rule);
    var detail = api.get("/api/v1/shipments/" + trackingNumber).body();
    assertThat(
            List.of(detail.path("status").asString(), detail.at("/lastEvent/eventId").asString()))
        .as("the API")
        .isEqualTo(rule);
    assertThat(materializedView(trackingNumber)).as("the materialized view").isEqualTo(rule);
    assertThat(rebuilt(trackingNumber)).as("the rebuilt projection").isEqualTo(rule);
  }

  /** The rule itself, as its definition says: the maximum by time, lifecycle order, id's bytes. */
  private static Event latest(List<Event> history) {
    Comparator<Event> byRule =
        Comparator.comparing(Event::occurredAt)
            .thenComparing(Event::status)
            .thenComparing(
                (a, b) ->
                    Arrays.compareUnsigned(
                        a.eventId().getBytes(StandardCharsets.UTF_8),
                        b.eventId().getBytes(StandardCharsets.UTF_8)));
    return history.stream().max(byRule).orElseThrow();
  }

  /** Sends the history shuffled, in batches of random sizes, some events one by one. */
  private static void send(String trackingNumber, List<Event> history, Random random) {
    var arrival = new ArrayList<>(history);
    Collections.shuffle(arrival, random);
    for (int from = 0; from < arrival.size(); ) {
      var to = Math.min(arrival.size(), from + 1 + random.nextInt(4));
      var batch = arrival.subList(from, to).stream().map(e -> body(trackingNumber, e)).toList();
      if (batch.size() == 1 && random.nextBoolean()) {
        var single = new LinkedHashMap<>(batch.getFirst());
        single.remove("trackingNumber");
        assertThat(api.post("/api/v1/shipments/" + trackingNumber + "/events", single).status())
            .isEqualTo(202);
      } else {
        var answer = api.post("/api/v1/tracking-events", batch);
        assertThat(answer.status()).isEqualTo(202);
        assertThat(answer.body().path("accepted").asInt()).as(answer.raw()).isEqualTo(batch.size());
      }
      from = to;
    }
  }

  private static Map<String, Object> body(String trackingNumber, Event event) {
    var body =
        new LinkedHashMap<>(
            Fixtures.event(event.eventId(), event.status().name(), event.occurredAt().toString()));
    body.put("trackingNumber", trackingNumber);
    return body;
  }

  private static String eventIds(String table, String trackingNumber) {
    return jdbc.sql(
            "select coalesce(string_agg(e.event_id, ' '), '') from "
                + table
                + " e, shipments s where s.tracking_number = ? and "
                + (table.equals("tracking_events")
                    ? "e.shipment_id = s.id"
                    : "e.tracking_number = s.tracking_number"))
        .param(trackingNumber)
        .query(String.class)
        .single();
  }

  private static long eventCount(String trackingNumber) {
    return jdbc.sql(
            "select coalesce(max(event_count), 0) from shipment_projection where tracking_number = ?")
        .param(trackingNumber)
        .query(Long.class)
        .single();
  }

  private static List<String> writeSide(String trackingNumber) {
    return row(
        "select st.status::text, st.event_id from shipment_status st"
            + " join shipments s on s.id = st.shipment_id where s.tracking_number = ?",
        trackingNumber);
  }

  private static List<String> projection(String trackingNumber) {
    return row(
        "select status, last_event_id from shipment_projection where tracking_number = ?",
        trackingNumber);
  }

  private static List<String> materializedView(String trackingNumber) {
    jdbc.sql("refresh materialized view shipment_details").update();
    return row(
        "select status, last_event ->> 'eventId' from shipment_details where tracking_number = ?",
        trackingNumber);
  }

  /**
   * The rebuild, in a transaction rolled back afterwards, so that the next try starts as before.
   */
  private static List<String> rebuilt(String trackingNumber) {
    return transaction.execute(
        status -> {
          jdbc.sql("select rebuild_shipment_projection()").query(Long.class).single();
          var row = projection(trackingNumber);
          status.setRollbackOnly();
          return row;
        });
  }

  private static List<String> row(String sql, String trackingNumber) {
    return jdbc.sql(sql)
        .param(trackingNumber)
        .query((rs, n) -> List.of(rs.getString(1), rs.getString(2)))
        .single();
  }

  private static String[] concat(String[] first, String... rest) {
    return IntStream.range(0, first.length + rest.length)
        .mapToObj(i -> i < first.length ? first[i] : rest[i - first.length])
        .toArray(String[]::new);
  }
}
