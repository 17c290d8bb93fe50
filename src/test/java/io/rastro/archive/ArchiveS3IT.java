package io.rastro.archive;

import static io.rastro.support.Fixtures.event;
import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeFalse;

import io.rastro.support.IntegrationTest;
import io.rastro.support.S3Node;
import io.rastro.support.TestDatabase;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import software.amazon.awssdk.services.s3.model.StorageClass;

/**
 * The archive on an S3-compatible server of the test's own (S3Mock), reached through the AWS SDK as
 * any S3 store is: files land in the bucket under the prefix in the storage class asked for, an
 * archived shipment reads back from there, and a store that goes down mid-run stops the run with
 * nothing deleted, the next run carrying on.
 */
@DirtiesContext
class ArchiveS3IT extends IntegrationTest {

  private static final String PREFIX = "rastro/archive/";
  private static @Nullable S3Node s3;

  @BeforeAll
  static void once() {
    assumeFalse(
        TestDatabase.onServer(), "the store, not the database, is under test: once a build");
  }

  @DynamicPropertySource
  static void s3(DynamicPropertyRegistry registry) {
    S3Node.archiveTo(registry, () -> node().uri(), PREFIX, "STANDARD_IA");
  }

  private static S3Node node() {
    if (s3 == null) {
      s3 = S3Node.start();
    }
    return s3;
  }

  @AfterAll
  static void stopS3() {
    if (s3 != null) {
      s3.close();
    }
  }

  @Test
  void storesTheFileInTheBucketAndReadsTheShipmentBackFromIt() {
    var trackingNumber = fixtures.shipment(fixtures.customer());
    fixtures.awaitWritten();
    fixtures.record(trackingNumber, event("s1", "PICKED_UP", "2026-11-01T08:00:00Z"));
    fixtures.record(trackingNumber, event("s2", "DELIVERED", "2026-11-02T08:00:00Z"));
    fixtures.refresh();

    var run = runs().awaitArchived(trackingNumber);
    fixtures.refresh();

    var file =
        jdbc.sql("select file from archived_shipments where tracking_number = ?")
            .param(trackingNumber)
            .query(String.class)
            .single();
    try (var client = node().client()) {
      var stored = client.headObject(r -> r.bucket(S3Node.BUCKET).key(PREFIX + file));
      assertThat(stored.contentLength()).isPositive();
      assertThat(stored.storageClass()).isEqualTo(StorageClass.STANDARD_IA);
      var manifest =
          client.headObject(
              r ->
                  r.bucket(S3Node.BUCKET)
                      .key(PREFIX + "manifests/run-%d.json".formatted(run.path("id").asLong())));
      assertThat(manifest.contentLength()).isPositive();
    }
    var shipment = api.get("/api/v1/shipments/" + trackingNumber);
    assertThat(shipment.status()).isEqualTo(200);
    assertThat(shipment.body().path("archived").asBoolean()).isTrue();
    assertThat(shipment.body().path("status").asString()).isEqualTo("DELIVERED");
    assertThat(shipment.body().path("events").findValuesAsString("eventId"))
        .containsExactly("s1", "s2");
    assertThat(api.get("/api/v1/admin/archive").body().path("store").asString())
        .isEqualTo("s3://" + S3Node.BUCKET + "/" + PREFIX);
  }

  @Test
  void aStoreDownMidRunStopsTheRunAndDeletesNothing() {
    var trackingNumber = fixtures.shipment(fixtures.customer());
    fixtures.awaitWritten();
    fixtures.record(trackingNumber, event("d1", "PICKED_UP", "2026-11-01T08:00:00Z"));
    fixtures.refresh();
    node().stop();
    try {
      // Its last activity is a second old once a run fails on the store rather than on its age.
      org.awaitility.Awaitility.await()
          .atMost(java.time.Duration.ofSeconds(30))
          .pollInterval(java.time.Duration.ofMillis(500))
          .untilAsserted(
              () -> assertThat(runs().run().path("status").asString()).isEqualTo("failed"));
      assertThat(runs().archived(trackingNumber)).isFalse();
      assertThat(count("shipments where tracking_number = '" + trackingNumber + "'")).isOne();
      assertThat(api.get("/api/v1/shipments/" + trackingNumber).body().has("archived")).isFalse();
    } finally {
      node().startAgain();
    }

    runs().awaitArchived(trackingNumber);
    fixtures.refresh();

    assertThat(count("shipments where tracking_number = '" + trackingNumber + "'")).isZero();
    assertThat(count("archive_files where status = 'writing'")).isZero();
    assertThat(api.get("/api/v1/shipments/" + trackingNumber).body().path("archived").asBoolean())
        .isTrue();
  }

  private ArchiveRuns runs() {
    return new ArchiveRuns(api, jdbc);
  }
}
