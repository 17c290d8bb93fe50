package io.rastro.archive;

import static io.rastro.support.Fixtures.event;
import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeFalse;

import io.rastro.support.ColdStorageFront;
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

/**
 * The archive in {@code DEEP_ARCHIVE}, a storage class that must be restored before it is read: S3
 * itself in production; here S3Mock behind {@link ColdStorageFront}, which gives it S3's answers
 * for cold objects. An archived shipment answers {@code 409} with {@code Retry-After} until an
 * administrator's restore is done, then reads whole.
 */
@DirtiesContext
class ArchiveColdStorageIT extends IntegrationTest {

  private static final String PREFIX = "rastro/cold/";
  private static @Nullable S3Node s3;
  private static @Nullable ColdStorageFront front;

  @BeforeAll
  static void once() {
    assumeFalse(
        TestDatabase.onServer(), "the store, not the database, is under test: once a build");
  }

  @DynamicPropertySource
  static void s3(DynamicPropertyRegistry registry) {
    S3Node.archiveTo(registry, () -> front().uri(), PREFIX, "DEEP_ARCHIVE");
  }

  private static ColdStorageFront front() {
    if (front == null) {
      s3 = S3Node.start();
      front = ColdStorageFront.before(s3);
    }
    return front;
  }

  @AfterAll
  static void stop() {
    if (front != null) {
      front.close();
    }
    if (s3 != null) {
      s3.close();
    }
  }

  @Test
  void aShipmentInAColdClassAnswers409UntilItsFileIsRestored() {
    var trackingNumber = fixtures.shipment(fixtures.customer());
    fixtures.awaitWritten();
    fixtures.record(trackingNumber, event("c1", "PICKED_UP", "2026-11-01T08:00:00Z"));
    fixtures.record(trackingNumber, event("c2", "DELIVERED", "2026-11-02T08:00:00Z"));
    fixtures.refresh();
    new ArchiveRuns(api, jdbc).awaitArchived(trackingNumber);
    fixtures.refresh();

    var cold = api.get("/api/v1/shipments/" + trackingNumber);
    assertThat(cold.status()).as(cold.raw()).isEqualTo(409);
    assertThat(cold.contentType()).startsWith("application/problem+json");
    assertThat(cold.headers().firstValue("Retry-After")).hasValue("3600");
    assertThat(cold.raw()).contains("/api/v1/admin/archive/restore/");
    assertThat(api.get("/api/v1/track/" + trackingNumber).status()).isEqualTo(409);

    var restore = api.post("/api/v1/admin/archive/restore/" + trackingNumber, "");
    assertThat(restore.status()).as(restore.raw()).isEqualTo(202);
    assertThat(restore.body().path("restoring").asBoolean()).isTrue();
    assertThat(front().restoresAsked()).hasSize(1);
    assertThat(api.get("/api/v1/shipments/" + trackingNumber).status())
        .as("a restore takes hours in S3")
        .isEqualTo(409);

    front().finishRestores();

    var shipment = api.get("/api/v1/shipments/" + trackingNumber);
    assertThat(shipment.status()).as(shipment.raw()).isEqualTo(200);
    assertThat(shipment.body().path("archived").asBoolean()).isTrue();
    assertThat(shipment.body().path("status").asString()).isEqualTo("DELIVERED");
    assertThat(shipment.body().path("events").findValuesAsString("eventId"))
        .containsExactly("c1", "c2");
    var again = api.post("/api/v1/admin/archive/restore/" + trackingNumber, "");
    assertThat(again.status()).isEqualTo(202);
  }
}
