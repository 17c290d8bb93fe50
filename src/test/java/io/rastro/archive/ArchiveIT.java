package io.rastro.archive;

import static io.rastro.support.Fixtures.event;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.rastro.support.IntegrationTest;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.sql.DriverManager;
import java.time.Duration;
import java.util.HexFormat;
import javax.sql.DataSource;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.test.context.TestPropertySource;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * The archive on the local store, as an operator and a customer meet it: shipments without activity
 * for {@code rastro.archive.after} (a second here) leave PostgreSQL for a Parquet file and are
 * still shown whole; an event brings one back; a second run waits its turn; a file that a stopped
 * run left unverified is deleted.
 */
@DirtiesContext
@TestPropertySource(properties = {"rastro.archive.after=PT1S", "rastro.archive.schedule=-"})
class ArchiveIT extends IntegrationTest {

  @Autowired DataSource dataSource;

  @Value("${rastro.data-dir}")
  Path dataDir;

  @Test
  void movesAQuietShipmentToAParquetFileAndStillShowsItWhole() throws Exception {
    var customer = fixtures.customer();
    var body = fixtures.shipmentBody(customer);
    body.put("carrierCode", fixtures.carrier());
    body.put("reference", "PO-ARCHIVE-1");
    body.put("weightKg", 2.5);
    body.put("promisedDeliveryDate", "2026-11-05");
    var trackingNumber = fixtures.shipment(body);
    fixtures.awaitWritten();
    fixtures.record(trackingNumber, event("e1", "PICKED_UP", "2026-11-01T08:00:00Z"));
    fixtures.record(trackingNumber, event("e2", "IN_TRANSIT", "2026-11-02T08:00:00Z"));
    fixtures.record(trackingNumber, event("e3", "DELIVERED", "2026-11-03T08:00:00Z"));
    fixtures.refresh();
    var shipmentId = shipmentId(trackingNumber);
    var before = api.get("/api/v1/shipments/" + trackingNumber).body();

    var run = runs().awaitArchived(trackingNumber);
    fixtures.refresh();

    // Gone from the write model, every row of it.
    assertThat(count("shipments where id = " + shipmentId)).isZero();
    assertThat(count("tracking_events where shipment_id = " + shipmentId)).isZero();
    assertThat(count("tracking_event_keys where shipment_id = " + shipmentId)).isZero();
    assertThat(count("shipment_status where shipment_id = " + shipmentId)).isZero();
    assertThat(count("shipment_projection where tracking_number = '" + trackingNumber + "'"))
        .isZero();

    var key =
        jdbc.sql("select file from archived_shipments where tracking_number = ?")
            .param(trackingNumber)
            .query(String.class)
            .single();
    var file = dataDir.resolve("archive").resolve(key);

    // Still shown whole, from the archive, to whom it belongs.
    var archived = api.get("/api/v1/shipments/" + trackingNumber);
    assertThat(archived.status()).isEqualTo(200);
    assertThat(archived.body().path("archived").asBoolean()).isTrue();
    assertThat(withoutTimes(archived.body())).isEqualTo(withoutTimes(before));
    var tracking = api.as(null).get("/api/v1/track/" + trackingNumber);
    assertThat(tracking.status()).isEqualTo(200);
    assertThat(tracking.body().path("archived").asBoolean()).isTrue();
    assertThat(tracking.body().path("status").asString()).isEqualTo("DELIVERED");
    assertThat(tracking.body().path("events")).hasSize(3);
    var page = api.as(null).get("/track/" + trackingNumber);
    assertThat(page.status()).isEqualTo(200);
    assertThat(page.raw()).contains("archiv");
    var own = api.as(fixtures.apiKey("SHIPPER", customer, null));
    assertThat(own.get("/api/v1/shipments/" + trackingNumber).status()).isEqualTo(200);

    // Another customer's key learns nothing of it, and makes Rastro read no file: with the file
    // away, the answer is still a plain 404.
    var other = api.as(fixtures.apiKey("SHIPPER", fixtures.customer(), null));
    var away = Files.move(file, file.resolveSibling("away.parquet"));
    try {
      assertThat(other.get("/api/v1/shipments/" + trackingNumber).status()).isEqualTo(404);
    } finally {
      Files.move(away, file);
    }

    // Search forgets it.
    var search = api.get("/api/v1/shipments/search?q=" + trackingNumber);
    assertThat(search.body().path("items")).isEmpty();

    // The file: Parquet with zstd, sorted, one row for it with its three events; the manifest
    // lists it with the file's SHA-256.
    assertThat(file).isRegularFile();
    try (var duckdb = DriverManager.getConnection("jdbc:duckdb:");
        var statement = duckdb.createStatement();
        var rows =
            statement.executeQuery(
                "select len(events), status, weight_kg::varchar from read_parquet('%s')"
                        .formatted(file)
                    + " where tracking_number = '%s'".formatted(trackingNumber))) {
      assertThat(rows.next()).isTrue();
      assertThat(rows.getInt(1)).isEqualTo(3);
      assertThat(rows.getString(2)).isEqualTo("DELIVERED");
      assertThat(rows.getString(3)).isEqualTo("2.500");
      assertThat(rows.next()).isFalse();
    }
    try (var duckdb = DriverManager.getConnection("jdbc:duckdb:");
        var statement = duckdb.createStatement();
        var rows =
            statement.executeQuery(
                "select distinct compression from parquet_metadata('%s')".formatted(file))) {
      assertThat(rows.next()).isTrue();
      assertThat(rows.getString(1)).isEqualTo("ZSTD");
    }
    var manifest =
        new tools.jackson.databind.json.JsonMapper()
            .readTree(
                dataDir
                    .resolve("archive/manifests/run-%d.json".formatted(run.path("id").asLong()))
                    .toFile());
    assertThat(manifest.path("files").findValuesAsString("key")).contains(key);
    var listed =
        manifest
            .path("files")
            .valueStream()
            .filter(f -> f.path("key").asString().equals(key))
            .findFirst()
            .orElseThrow();
    assertThat(listed.path("sha256").asString()).isEqualTo(sha256(file));

    // What the archive holds, and that the read model still equals the write model.
    var status = api.get("/api/v1/admin/archive").body();
    assertThat(status.path("shipments").asLong()).isPositive();
    assertThat(status.path("events").asLong()).isGreaterThanOrEqualTo(3);
    assertThat(status.path("files").asLong()).isPositive();
    assertThat(status.path("bytes").asLong()).isPositive();
    assertThat(status.path("postgresBytes").asLong()).isPositive();
    assertThat(status.path("runs").get(0).path("status").asString()).isEqualTo("finished");

    // Its file needs no restore on the local store; a shipment not in the archive has none.
    var restore = api.post("/api/v1/admin/archive/restore/" + trackingNumber, "");
    assertThat(restore.status()).isEqualTo(202);
    assertThat(restore.body().path("restoring").asBoolean()).isFalse();
    assertThat(restore.body().path("file").asString()).isEqualTo(key);
    var notArchived = fixtures.shipment(customer);
    assertThat(api.post("/api/v1/admin/archive/restore/" + notArchived, "").status())
        .isEqualTo(404);
    // written before the analytics check, which is exact only while writes are quiet
    fixtures.awaitWritten();

    // Analytics still count it, and their check against PostgreSQL and the archive agrees.
    var analytics = api.get("/api/v1/admin/analytics/check");
    assertThat(analytics.status()).isEqualTo(200);
    assertThat(analytics.body().path("differing").asInt()).as(analytics.raw()).isZero();
    assertThat(analytics.body().path("carriers").asInt()).isPositive();

    // A repeated create with the same reference finds it in the archive, and makes no new one.
    var again = api.post("/api/v1/shipments", body);
    assertThat(again.status()).isEqualTo(200);
    assertThat(again.text("trackingNumber")).isEqualTo(trackingNumber);
    fixtures.awaitWritten();
    assertThat(count("shipments where tracking_number = '" + trackingNumber + "'")).isZero();
  }

  @Test
  void anEventForAnArchivedShipmentBringsItBackWithItsWholeHistory() {
    var trackingNumber = fixtures.shipment(fixtures.customer());
    fixtures.awaitWritten();
    fixtures.record(trackingNumber, event("r1", "PICKED_UP", "2026-11-01T08:00:00Z"));
    fixtures.record(trackingNumber, event("r2", "IN_TRANSIT", "2026-11-02T08:00:00Z"));
    fixtures.awaitWritten();
    var shipmentId = shipmentId(trackingNumber);
    runs().awaitArchived(trackingNumber);

    // A repeat of an event it holds, and one from another carrier's key, leave it in the archive.
    fixtures.record(trackingNumber, event("r1", "PICKED_UP", "2026-11-01T08:00:00Z"));
    var otherCarrier = api.as(fixtures.apiKey("CARRIER", null, fixtures.carrier()));
    assertThat(
            otherCarrier
                .post(
                    "/api/v1/shipments/" + trackingNumber + "/events",
                    event("x1", "IN_TRANSIT", "2026-11-02T09:00:00Z"))
                .status())
        .isEqualTo(202);
    fixtures.awaitWritten();
    assertThat(runs().archived(trackingNumber)).isTrue();
    assertThat(count("shipments where id = " + shipmentId)).isZero();

    fixtures.record(trackingNumber, event("r3", "OUT_FOR_DELIVERY", "2026-11-03T08:00:00Z"));
    fixtures.refresh();

    assertThat(shipmentId(trackingNumber)).isEqualTo(shipmentId);
    assertThat(count("tracking_event_keys where shipment_id = " + shipmentId)).isEqualTo(3);
    assertThat(count("archived_shipments where tracking_number = '" + trackingNumber + "'"))
        .isZero();
    var shipment = api.get("/api/v1/shipments/" + trackingNumber).body();
    assertThat(shipment.has("archived")).isFalse();
    assertThat(shipment.path("status").asString()).isEqualTo("OUT_FOR_DELIVERY");
    assertThat(shipment.path("events").findValuesAsString("eventId"))
        .containsExactly("r1", "r2", "r3");
    await()
        .atMost(Duration.ofSeconds(10))
        .untilAsserted(
            () ->
                assertThat(
                        api.get("/api/v1/shipments/search?q=" + trackingNumber)
                            .body()
                            .path("items")
                            .findValuesAsString("trackingNumber"))
                    .containsExactly(trackingNumber));
  }

  @Test
  void aRunWhileAnotherRunsIsRefused() throws Exception {
    try (var other = dataSource.getConnection();
        var statement = other.createStatement()) {
      // What a run in another Rastro on this database holds.
      statement.execute("select pg_advisory_lock(" + ArchiveRuns.LOCK + ")");
      var refused = api.post("/api/v1/admin/archive/run", "");
      assertThat(refused.status()).isEqualTo(409);
      assertThat(refused.contentType()).contains("application/problem+json");
      statement.execute("select pg_advisory_unlock(" + ArchiveRuns.LOCK + ")");
    }
    assertThat(runs().run().path("status").asString()).isEqualTo("finished");
  }

  @Test
  void aFileThatAStoppedRunLeftUnverifiedIsDeletedAndItsRunMarked() throws Exception {
    var stopped =
        jdbc.sql("insert into archive_runs (started_at, cutoff) values (now(), now()) returning id")
            .query(Long.class)
            .single();
    var key = "2020-01/run-%d-1.parquet".formatted(stopped);
    jdbc.sql(
            "insert into archive_files (key, run_id, month, shipments, events, bytes, sha256,"
                + " rows_sha256, created_at) values (?, ?, '2020-01-01', 1, 0, 4, 'x', 'x', now())")
        .params(key, stopped)
        .update();
    var left =
        Files.createDirectories(dataDir.resolve("archive/2020-01")).resolve(key.substring(8));
    Files.writeString(left, "PAR1");

    runs().run();

    assertThat(left).doesNotExist();
    assertThat(count("archive_files where key = '" + key + "'")).isZero();
    assertThat(api.get("/api/v1/admin/archive/runs/" + stopped).body().path("status").asString())
        .isEqualTo("interrupted");
  }

  private ArchiveRuns runs() {
    return new ArchiveRuns(api, jdbc);
  }

  private long shipmentId(String trackingNumber) {
    return jdbc.sql("select id from shipments where tracking_number = ?")
        .param(trackingNumber)
        .query(Long.class)
        .single();
  }

  private static JsonNode withoutTimes(JsonNode shipment) {
    var copy = (ObjectNode) shipment.deepCopy();
    copy.remove(java.util.List.of("asOf", "lagMs", "archived"));
    return copy;
  }

  private static String sha256(Path file) throws Exception {
    return HexFormat.of()
        .formatHex(MessageDigest.getInstance("SHA-256").digest(Files.readAllBytes(file)));
  }
}
