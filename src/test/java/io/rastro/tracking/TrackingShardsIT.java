package io.rastro.tracking;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assumptions.assumeFalse;

import io.rastro.support.Api;
import io.rastro.support.PostgresCluster;
import io.rastro.support.RastroProcess;
import io.rastro.support.Reliability;
import io.rastro.support.TestDatabase;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.datasource.DriverManagerDataSource;
import tools.jackson.databind.JsonNode;

/**
 * Tracking events sharded by time over three PostgreSQL servers: Rastro's own (embedded) and two
 * made by the test. Each event lands on the server of its month, checked on that server; a shipment
 * whose events span servers reads whole, with the right status; a month written before its shard
 * was configured moves there online; a stopped shard holds back only the events of its months,
 * which are written once it answers again; and the read model equals the write model.
 */
class TrackingShardsIT {

  private static final int BULK = 300_000;

  private static PostgresCluster shards;

  @BeforeAll
  static void servers() {
    assumeFalse(TestDatabase.onServer(), "runs its own processes; once per build is enough");
    shards = PostgresCluster.servers("a", "b");
  }

  @AfterAll
  static void stop() {
    if (shards != null) {
      shards.close();
    }
  }

  @Test
  void eventsLiveOnTheServerOfTheirMonthAndAMonthMovesToItsShard() {
    var dataDir = Path.of(TestDatabase.freshDirectory());
    var postgresPort = RastroProcess.freePort();
    var properties = new HashMap<>(RastroProcess.ownDatabase(dataDir, postgresPort));
    shard(properties, 0, "a", "2025-01", "2025-06");
    var local = jdbc("jdbc:postgresql://localhost:" + postgresPort + "/postgres");
    var onA = jdbc(shards.url("a"));
    var onB = jdbc(shards.url("b"));
    var recent = Instant.now().minus(1, ChronoUnit.HOURS).truncatedTo(ChronoUnit.SECONDS);
    List<String> numbers;
    try (var first = RastroProcess.start("shards", properties)) {
      var api = first.api();
      numbers = Reliability.shipments(api, 10);
      var events = new ArrayList<Map<String, Object>>();
      for (var number : numbers) {
        events.add(event(number, "PICKED_UP", "2025-03-10T08:00:00Z"));
        events.add(event(number, "IN_TRANSIT", "2025-08-10T08:00:00Z"));
        events.add(event(number, "OUT_FOR_DELIVERY", recent.toString()));
      }
      assertThat(api.post("/api/v1/tracking-events", events).status()).isEqualTo(202);
      // The same events again are duplicates, on every server.
      assertThat(api.post("/api/v1/tracking-events", events).status()).isEqualTo(202);
      Reliability.awaitDrained(api);

      assertThat(eventIds(onA, "tracking_events_2025_03"))
          .hasSize(10)
          .allMatch(id -> id.endsWith("PICKED_UP"));
      assertThat(kind(local, "tracking_events_2025_03")).as("a foreign partition").isEqualTo("f");
      assertThat(eventIds(local, "tracking_events_2025_08")).hasSize(10);
      assertThat(kind(local, "tracking_events_2025_08")).as("no shard holds August").isEqualTo("r");
      assertWhole(api, numbers.getFirst(), "OUT_FOR_DELIVERY", 3);
      // September prepared here ahead, empty, as the writer prepares the months to come.
      local
          .sql("select ensure_tracking_events_partition(timestamptz '2025-09-01')")
          .query(String.class)
          .single();
    }

    shard(properties, 1, "b", "2025-07", "2025-12");
    // Enough rows in August for its move to take seconds: the kill lands in the middle of it.
    try (var second = RastroProcess.start("shards-two", properties)) {
      var api = second.api();
      var placement = api.get("/api/v1/admin/tracking-shards");
      assertThat(placement.status()).isEqualTo(200);
      assertThat(month(placement.body().path("local"), "2025-08").path("rows").asLong())
          .isEqualTo(10);
      assertThat(month(placement.body().path("local"), "2025-08").path("belongsTo").asString())
          .isEqualTo("b");
      assertThat(month(shard(placement, "a").path("months"), "2025-03").path("rows").asLong())
          .isEqualTo(10);
      assertThat(shard(placement, "b").path("available").asBoolean()).isTrue();
      assertThat(kind(local, "tracking_events_2025_09")).as("empty: to its shard").isEqualTo("f");

      local
          .sql(
              """
              insert into tracking_events (shipment_id, occurred_at, event_id, status, received_at)
              select -1, timestamptz '2025-08-01' + n * interval '1 second', 'bulk-' || n,
                     'IN_TRANSIT', now()
              from generate_series(1, ?) n
              """)
          .param(BULK)
          .update();
      var move =
          CompletableFuture.runAsync(
              () ->
                  api.post(
                      "/api/v1/admin/tracking-shards/move",
                      Map.of("month", "2025-08", "shard", "b")));
      await()
          .atMost(Duration.ofSeconds(30))
          .pollInterval(Duration.ofMillis(20))
          .until(
              () ->
                  onB.sql(
                              "select count(*) from pg_stat_activity where state = 'active'"
                                  + " and query ilike 'insert into public.tracking_events_2025_08%'")
                          .query(Long.class)
                          .single()
                      > 0);
      second.kill();
      move.exceptionally(failure -> null).join();
    }

    try (var third = RastroProcess.start("shards-three", properties)) {
      var api = third.api();
      // The stopped move left August whole here, and nothing on the shard.
      assertThat(kind(local, "tracking_events_2025_08")).isEqualTo("r");
      assertThat(count(local, "tracking_events_2025_08")).isEqualTo(BULK + 10);
      assertThat(count(onB, "tracking_events_2025_08")).isZero();

      var moved =
          api.post("/api/v1/admin/tracking-shards/move", Map.of("month", "2025-08", "shard", "b"));
      assertThat(moved.status()).as(moved.raw()).isEqualTo(200);
      assertThat(moved.body().path("rows").asLong()).isEqualTo(BULK + 10);
      assertThat(count(onB, "tracking_events_2025_08")).isEqualTo(BULK + 10);
      assertThat(kind(local, "tracking_events_2025_08")).isEqualTo("f");
      // The bulk rows (of no shipment) go, through the foreign partition.
      assertThat(local.sql("delete from tracking_events where shipment_id = -1").update())
          .isEqualTo(BULK);
      assertThat(eventIds(onB, "tracking_events_2025_08")).hasSize(10);
      assertThat(
              month(shard(api.get("/api/v1/admin/tracking-shards"), "b").path("months"), "2025-08")
                  .path("rows")
                  .asLong())
          .isEqualTo(10);

      assertRefused(api, Map.of("month", "2025-08", "shard", "b"), 409, "already");
      assertRefused(api, Map.of("month", "2025-08", "shard", "a"), 409, "outside the range");
      assertRefused(api, Map.of("month", "2025-13", "shard", "b"), 400, "month");
      assertRefused(api, Map.of("month", "2025-08", "shard", "z"), 400, "shard");

      // A later event of a moved month lands on its shard; the shipment reads whole.
      var number = numbers.getFirst();
      assertThat(
              api.post(
                      "/api/v1/tracking-events",
                      List.of(event(number, "EXCEPTION", "2025-08-11T08:00:00Z")))
                  .status())
          .isEqualTo(202);
      Reliability.awaitDrained(api);
      assertThat(eventIds(onB, "tracking_events_2025_08")).hasSize(11);
      assertWhole(api, number, "OUT_FOR_DELIVERY", 4);
      Reliability.assertProjectionEqualsWriteModel(api);

      // A stopped shard holds back the events of its months and nothing else.
      shards.stop("a");
      await()
          .atMost(Duration.ofSeconds(30))
          .until(
              () ->
                  !shard(api.get("/api/v1/admin/tracking-shards"), "a")
                      .path("available")
                      .asBoolean(true));
      var other = numbers.get(1);
      assertThat(
              api.post(
                      "/api/v1/tracking-events",
                      List.of(
                          event(other, "EXCEPTION", "2025-04-01T08:00:00Z"),
                          event(other, "DELIVERED", recent.plusSeconds(60).toString())))
                  .status())
          .isEqualTo(202);
      await()
          .atMost(Duration.ofSeconds(30))
          .untilAsserted(() -> assertWhole(api, other, "DELIVERED", 4));
      assertThat(shard(api.get("/api/v1/admin/tracking-shards"), "a").path("awaiting").asLong())
          .isOne();
      assertThat(Reliability.shipments(api, 1)).as("shipments are still created").hasSize(1);
      var check = api.get("/api/v1/admin/read-model/check");
      assertThat(check.status()).as(check.raw()).isEqualTo(503);
      assertThat(check.contentType()).startsWith("application/problem+json");

      shards.start("a");
      await()
          .atMost(Duration.ofSeconds(30))
          .untilAsserted(() -> assertWhole(api, other, "DELIVERED", 5));
      assertThat(eventIds(onA, "tracking_events_2025_04")).containsExactly(other + "-EXCEPTION");
      assertThat(shard(api.get("/api/v1/admin/tracking-shards"), "a").path("awaiting").asLong())
          .isZero();
      Reliability.assertProjectionEqualsWriteModel(api);
    }

    // The ranges change: April now belongs to b. It stays on a until moved, then leaves nothing.
    properties.put("rastro.tracking.shards[0].to", "2025-03");
    properties.put("rastro.tracking.shards[1].from", "2025-04");
    try (var fourth = RastroProcess.start("shards-four", properties)) {
      var api = fourth.api();
      var other = numbers.get(1);
      assertThat(
              month(shard(api.get("/api/v1/admin/tracking-shards"), "a").path("months"), "2025-04")
                  .path("rows")
                  .asLong())
          .isOne();
      var moved =
          api.post("/api/v1/admin/tracking-shards/move", Map.of("month", "2025-04", "shard", "b"));
      assertThat(moved.status()).as(moved.raw()).isEqualTo(200);
      assertThat(moved.body().path("rows").asLong()).isOne();
      assertThat(eventIds(onB, "tracking_events_2025_04")).containsExactly(other + "-EXCEPTION");
      assertThat(exists(onA, "tracking_events_2025_04")).as("left behind on a").isFalse();
      assertWhole(api, other, "DELIVERED", 5);
      Reliability.assertProjectionEqualsWriteModel(api);
    }
  }

  private static void shard(
      Map<String, String> properties, int i, String name, String from, String to) {
    var prefix = "rastro.tracking.shards[" + i + "].";
    properties.put(prefix + "name", name);
    properties.put(prefix + "url", shards.url(name));
    properties.put(prefix + "from", from);
    properties.put(prefix + "to", to);
  }

  private static JdbcClient jdbc(String url) {
    return JdbcClient.create(new DriverManagerDataSource(url, "postgres", ""));
  }

  private static Map<String, Object> event(String number, String status, String occurredAt) {
    var event = new LinkedHashMap<String, Object>();
    event.put("trackingNumber", number);
    event.put("eventId", number + "-" + status);
    event.put("status", status);
    event.put("occurredAt", occurredAt);
    return event;
  }

  private static List<String> eventIds(JdbcClient jdbc, String table) {
    return jdbc.sql("select event_id from " + table).query(String.class).list();
  }

  private static long count(JdbcClient jdbc, String table) {
    return jdbc.sql("select count(*) from " + table).query(Long.class).single();
  }

  private static boolean exists(JdbcClient jdbc, String table) {
    return jdbc.sql("select to_regclass(?) is not null").param(table).query(Boolean.class).single();
  }

  private static String kind(JdbcClient jdbc, String table) {
    return jdbc.sql("select relkind::text from pg_class where relname = ?")
        .param(table)
        .query(String.class)
        .single();
  }

  /** The shipment reads with all its events, across servers, and the status of its latest. */
  private static void assertWhole(Api api, String number, String status, int events) {
    var shipment = api.get("/api/v1/shipments/" + number);
    assertThat(shipment.status()).isEqualTo(200);
    assertThat(shipment.text("status")).isEqualTo(status);
    assertThat(shipment.body().path("events").size()).as(shipment.raw()).isEqualTo(events);
  }

  private static JsonNode shard(Api.Response placement, String name) {
    for (var shard : placement.body().path("shards")) {
      if (shard.path("name").asString().equals(name)) {
        return shard;
      }
    }
    throw new AssertionError("no shard " + name + " in " + placement.raw());
  }

  private static JsonNode month(JsonNode months, String month) {
    for (var node : months) {
      if (node.path("month").asString().equals(month)) {
        return node;
      }
    }
    throw new AssertionError("no month " + month + " in " + months);
  }

  private static void assertRefused(Api api, Map<String, String> move, int status, String says) {
    var answer = api.post("/api/v1/admin/tracking-shards/move", move);
    assertThat(answer.status()).as(answer.raw()).isEqualTo(status);
    assertThat(answer.contentType()).startsWith("application/problem+json");
    assertThat(answer.raw()).contains(says);
  }
}
