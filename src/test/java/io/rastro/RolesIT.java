package io.rastro;

import static io.rastro.support.Fixtures.event;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assumptions.assumeFalse;

import io.rastro.support.Api;
import io.rastro.support.Fixtures;
import io.rastro.support.Load;
import io.rastro.support.RastroProcess;
import io.rastro.support.Reliability;
import io.rastro.support.Services;
import io.rastro.support.TestDatabase;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.UUID;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The seed's Phase 2 as roles of the one jar ({@code rastro.role}): an ingest process on an
 * embedded PostgreSQL, and two query processes sharing a read database on the machine's PostgreSQL
 * server, joined only by RabbitMQ.
 */
class RolesIT {

  private static RastroProcess ingest;
  private static RastroProcess applier;
  private static RastroProcess reader;
  private static String exchange;
  private static String writeDatabase;
  private static String readDatabase;
  private static Api write;
  private static Api read;
  private static Fixtures fixtures;

  @BeforeAll
  static void start() {
    assumeFalse(TestDatabase.onServer(), "runs its own databases; once per build is enough");
    Services.assumeReachable("RabbitMQ", "127.0.0.1", 5672);
    Services.assumeReachable("PostgreSQL", "127.0.0.1", 5432);
    exchange = "rastro.events.roles-" + UUID.randomUUID();
    var ingestPort = RastroProcess.freePort();
    writeDatabase = "jdbc:postgresql://localhost:" + ingestPort + "/postgres";
    var ingestRole = RastroProcess.ownDatabase(Path.of(TestDatabase.freshDirectory()), ingestPort);
    ingest = RastroProcess.start("roles-ingest", role(ingestRole, "ingest", exchange));
    // Before any event: the query role's queues must be bound before the first one is published.
    readDatabase = TestDatabase.freshServerDatabase();
    var queryRole = new HashMap<String, String>();
    queryRole.put("spring.datasource.url", readDatabase);
    queryRole.put("spring.datasource.username", "postgres");
    queryRole.put("rastro.data-dir", TestDatabase.freshDirectory());
    queryRole.put("rastro.ingest-role.url", ingest.api().base());
    queryRole.put("rastro.ingest-role.key", Api.ADMIN_KEY);
    // The first query process to subscribe is the one that applies; the second reads until then.
    applier = RastroProcess.start("roles-query-1", role(queryRole, "query", exchange));
    queryRole.put("rastro.data-dir", TestDatabase.freshDirectory());
    queryRole.put("rastro.analytics.enabled", "false"); // of several, one loads the embedded engine
    reader = RastroProcess.start("roles-query-2", role(queryRole, "query", exchange));
    write = ingest.api();
    read = reader.api();
    fixtures = new Fixtures(write);
  }

  private static Map<String, String> role(
      Map<String, String> properties, String role, String exchange) {
    var all = new HashMap<>(properties);
    all.put("rastro.role", role);
    all.put("rastro.events.bus", "rabbitmq");
    all.put("rastro.events.exchange", exchange);
    return all;
  }

  @AfterAll
  static void stop() {
    for (var process : new RastroProcess[] {ingest, applier, reader}) {
      if (process != null) {
        process.close();
      }
    }
  }

  @Test
  void whatIngestAcceptsTheQueryRoleShowsFromItsOwnDatabase() {
    var carrier = fixtures.carrier();
    var body = fixtures.shipmentBody(fixtures.customer());
    body.put("carrierCode", carrier);
    var trackingNumber = fixtures.shipment(body);
    var accepted =
        write.post(
            "/api/v1/shipments/" + trackingNumber + "/events",
            event("w-1", "PICKED_UP", "2026-11-28T09:10:00Z"));
    assertThat(accepted.status()).isEqualTo(202);

    // The write's token is answered by the query role as soon as the bus has brought that write.
    var detail =
        read.send(
            "GET",
            "/api/v1/shipments/" + trackingNumber,
            Map.of(
                "Authorization",
                "Bearer " + Api.ADMIN_KEY,
                "X-Rastro-Min-Position",
                accepted.text("consistencyToken")),
            null);
    assertThat(detail.status()).as(detail.raw()).isEqualTo(200);
    assertThat(detail.text("status")).isEqualTo("PICKED_UP");
    assertThat(detail.body().path("carrier").path("code").asString()).isEqualTo(carrier);
    assertThat(detail.body().path("customer").path("name").asString()).isEqualTo("Ana Pérez");

    var tracking = read.as(null).get("/api/v1/track/" + trackingNumber);
    assertThat(tracking.status()).isEqualTo(200);
    assertThat(tracking.text("status")).isEqualTo("PICKED_UP");

    // Each database holds its side only: the write model on one, the read model on the other.
    assertThat(count(writeDatabase, "shipments where tracking_number = ?", trackingNumber)).isOne();
    assertThat(count(writeDatabase, "shipment_projection", null)).isZero();
    assertThat(count(writeDatabase, "search_documents", null)).isZero();
    assertThat(count(readDatabase, "shipment_projection where tracking_number = ?", trackingNumber))
        .isOne();
    assertThat(count(readDatabase, "shipments", null)).isZero();
    assertThat(count(readDatabase, "tracking_events", null)).isZero();
    assertThat(count(readDatabase, "customers", null)).isZero();
  }

  @Test
  void eachRoleSendsWhatTheOtherServesThereWith421NamingIt() {
    var written = write.get("/api/v1/shipments/RS000000000XX");
    assertThat(written.status()).isEqualTo(421);
    assertThat(written.contentType()).startsWith("application/problem+json");
    assertThat(written.text("detail")).contains("rastro.role=query");
    assertThat(written.body().path("servedBy").toString()).contains("\"query\"");

    var created =
        read.post("/api/v1/shipments", fixtures.shipmentBody(UUID.randomUUID().toString()));
    assertThat(created.status()).isEqualTo(421);
    assertThat(created.text("detail")).contains("rastro.role=ingest");
    assertThat(created.body().path("servedBy").toString()).contains("\"ingest\"");

    // What rebuilds the read model from the write model needs both in one database.
    var rebuild = read.post("/api/v1/admin/read-model/rebuild", Map.of());
    assertThat(rebuild.status()).isEqualTo(421);
    assertThat(rebuild.text("detail")).contains("only rastro.role=all");

    // Beside them, each role still answers 404 for what nobody serves, and 405 as it did.
    assertThat(read.get("/api/v1/no-such-thing").status()).isEqualTo(404);
    assertThat(write.get("/api/v1/no-such-thing").status()).isEqualTo(404);
    assertThat(read.send("PUT", "/api/v1/shipments", Map.of(), null).status()).isEqualTo(405);
  }

  @Test
  void aKeyIssuedOrRevokedOnIngestIsHonouredByTheQueryRoleWithinFiveSeconds() {
    var mine = fixtures.customer();
    var myShipment = fixtures.shipment(mine);
    var theirShipment = fixtures.shipment(fixtures.customer());
    var issued =
        write.post(
            "/api/v1/admin/api-keys",
            Map.of("name", "shop", "role", "SHIPPER", "customerId", mine));
    assertThat(issued.status()).isEqualTo(201);
    var shipper = read.as(issued.text("key"));

    await()
        .atMost(Duration.ofSeconds(5))
        .until(() -> shipper.get("/api/v1/shipments/" + myShipment).status() == 200);
    // Its tenancy holds on the query role too.
    await()
        .atMost(Duration.ofSeconds(5))
        .until(() -> read.get("/api/v1/shipments/" + theirShipment).status() == 200);
    assertThat(shipper.get("/api/v1/shipments/" + theirShipment).status()).isEqualTo(404);

    assertThat(write.delete("/api/v1/admin/api-keys/" + issued.text("id")).status()).isEqualTo(204);
    await()
        .atMost(Duration.ofSeconds(5))
        .until(() -> shipper.get("/api/v1/shipments/" + myShipment).status() == 401);

    // Only the hash crossed: the query role's database holds the key's SHA-256, never the key.
    var key = issued.text("key");
    assertThat(count(readDatabase, "api_keys where key_hash = sha256(convert_to(?, 'UTF8'))", key))
        .isOne();
    assertThat(count(readDatabase, "api_keys where key_hash = convert_to(?, 'UTF8')", key))
        .isZero();
  }

  @Test
  void theReadModelCheckComparesTheQueryDatabaseWithTheIngestDatabase() {
    var customer = fixtures.customer();
    var trackingNumbers = new java.util.ArrayList<String>();
    for (int i = 0; i < 5; i++) {
      var trackingNumber = fixtures.shipment(customer);
      fixtures.record(trackingNumber, event("c-" + i, "IN_TRANSIT", "2026-11-28T10:00:00Z"));
      trackingNumbers.add(trackingNumber);
    }
    var last = trackingNumbers.getLast();
    await()
        .atMost(Duration.ofSeconds(10))
        .until(() -> read.get("/api/v1/shipments/" + last).raw().contains("\"c-4\""));

    var check = read.get("/api/v1/admin/read-model/check");
    assertThat(check.status()).as(check.raw()).isEqualTo(200);
    assertThat(check.body().path("differing").asLong()).as(check.raw()).isZero();
    assertThat(check.body().path("checked").asLong()).isGreaterThanOrEqualTo(5);

    // A projected row that no longer matches the write model is found, with both versions.
    var broken = trackingNumbers.get(2);
    update(
        readDatabase,
        "update shipment_projection set reference = 'tampered' where tracking_number = ?",
        broken);
    try {
      var found = read.get("/api/v1/admin/read-model/check");
      assertThat(found.status()).isEqualTo(200);
      assertThat(found.body().path("differing").asLong()).isOne();
      var example = found.body().path("examples").get(0);
      assertThat(example.path("trackingNumber").asString()).isEqualTo(broken);
      assertThat(example.path("actual").asString()).contains("tampered");
      assertThat(example.path("expected").asString()).doesNotContain("tampered").contains(broken);
    } finally {
      update(
          readDatabase,
          "update shipment_projection set reference = null where tracking_number = ?",
          broken);
    }
  }

  /**
   * The two query processes share the read database and each consumer's queue; RabbitMQ lets one at
   * a time take its events. Killed under load, the other takes over: nothing lost, nothing applied
   * twice (the check compares each shipment's event ids and count with the write model).
   */
  @Test
  void killingTheApplyingQueryProcessHandsItsQueuesToTheOther() {
    var shipments = Reliability.shipments(write, 20);
    try (var load = new Load(write, shipments, "takeover-").start(2, 1)) {
      await().atMost(Duration.ofMinutes(1)).until(() -> load.acceptedCount() >= 1000);
      // One applies, the other only reads.
      await()
          .atMost(Duration.ofSeconds(10))
          .until(() -> applied(applier.api(), "shipment-projection") > 0);
      assertThat(applied(read, "shipment-projection")).isZero();
      applier.kill();
      var atKill = load.acceptedCount();
      await().atMost(Duration.ofMinutes(1)).until(() -> load.acceptedCount() >= atKill + 1000);
      load.stop();
      assertThat(load.failed()).as("failures: %s", load.failures()).isZero();
    }
    Reliability.awaitDrained(write);
    await()
        .atMost(Duration.ofMinutes(1))
        .untilAsserted(() -> Reliability.assertProjectionEqualsWriteModel(read));
    assertThat(applied(read, "shipment-projection")).isPositive();
  }

  /** The events from the bus this process applied for that consumer, from its metrics. */
  private static double applied(Api api, String consumer) {
    var metrics = api.get("/actuator/prometheus");
    assertThat(metrics.status()).isEqualTo(200);
    return metrics
        .raw()
        .lines()
        .filter(l -> l.startsWith("rastro_bus_events_applied_total{consumer=\"" + consumer + "\""))
        .mapToDouble(l -> Double.parseDouble(l.substring(l.lastIndexOf(' ') + 1)))
        .sum();
  }

  /**
   * A query group started after events were published (a new read database): its queues did not
   * exist then, so the bus does not hold them for it; it catches up from the ingest role's outbox.
   */
  @Test
  void aQueryGroupStartedLateCatchesUpFromTheIngestRolesOutbox() {
    var customer = fixtures.customer();
    var before = fixtures.shipment(customer);
    fixtures.record(before, event("late-1", "PICKED_UP", "2026-11-28T09:00:00Z"));
    Reliability.awaitDrained(write);

    var late = new HashMap<String, String>();
    late.put("spring.datasource.url", TestDatabase.freshServerDatabase());
    late.put("spring.datasource.username", "postgres");
    late.put("rastro.data-dir", TestDatabase.freshDirectory());
    late.put("rastro.analytics.enabled", "false");
    late.put("rastro.events.group", "query-late");
    late.put("rastro.ingest-role.url", ingest.api().base());
    late.put("rastro.ingest-role.key", Api.ADMIN_KEY);
    late.put("rastro.ingest-role.catch-up-interval", "500ms");
    try (var process = RastroProcess.start("roles-query-late", role(late, "query", exchange))) {
      var lateRead = process.api();
      await()
          .atMost(Duration.ofSeconds(30))
          .until(() -> lateRead.get("/api/v1/shipments/" + before).raw().contains("\"late-1\""));
      // and from then on the bus brings it what comes
      fixtures.record(before, event("late-2", "IN_TRANSIT", "2026-11-28T10:00:00Z"));
      await()
          .atMost(Duration.ofSeconds(10))
          .until(() -> lateRead.get("/api/v1/shipments/" + before).raw().contains("\"late-2\""));
      Reliability.awaitDrained(write);
      await()
          .atMost(Duration.ofSeconds(30))
          .untilAsserted(() -> Reliability.assertProjectionEqualsWriteModel(lateRead));
    }
  }

  @Test
  void theChangeFeedNeverOffersTheKeysEvents() {
    fixtures.apiKey("OPERATOR", null, null);
    var feed = write.get("/api/v1/events?limit=1000");
    assertThat(feed.status()).isEqualTo(200);
    assertThat(feed.raw()).doesNotContain("io.rastro.security");
    var asked = write.get("/api/v1/events?types=io.rastro.security.key-issued.v1");
    assertThat(asked.status()).isEqualTo(400);
    assertThat(asked.raw()).contains("types");
  }

  @Test
  void aSplitRoleWithoutTheBusIsRefusedAtStart() throws Exception {
    var properties =
        new HashMap<>(
            RastroProcess.ownDatabase(
                Path.of(TestDatabase.freshDirectory()), RastroProcess.freePort()));
    properties.put("rastro.role", "query");
    assertThatThrownBy(() -> RastroProcess.start("roles-no-bus", properties).close())
        .hasMessageContaining("exited");
    assertThat(Files.readString(Path.of("target", "it-data", "roles-no-bus.log")))
        .contains("rastro.role=query needs rastro.events.bus=rabbitmq");
  }

  private static void update(String database, String sql, String parameter) {
    try (var connection = DriverManager.getConnection(database, "postgres", "");
        var statement = connection.prepareStatement(sql)) {
      statement.setString(1, parameter);
      assertThat(statement.executeUpdate()).isOne();
    } catch (SQLException e) {
      throw new IllegalStateException(e);
    }
  }

  private static long count(String database, String from, @Nullable String parameter) {
    try (var connection = DriverManager.getConnection(database, "postgres", "");
        var statement = connection.prepareStatement("select count(*) from " + from)) {
      if (parameter != null) {
        statement.setString(1, parameter);
      }
      try (var rows = statement.executeQuery()) {
        rows.next();
        return rows.getLong(1);
      }
    } catch (SQLException e) {
      throw new IllegalStateException(e);
    }
  }
}
