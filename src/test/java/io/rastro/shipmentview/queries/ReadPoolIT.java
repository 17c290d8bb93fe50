package io.rastro.shipmentview.queries;

import static org.assertj.core.api.Assertions.assertThat;

import com.zaxxer.hikari.HikariDataSource;
import io.rastro.support.IntegrationTest;
import java.sql.Connection;
import java.util.ArrayList;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.test.context.TestPropertySource;

/**
 * Queries have a connection pool of their own, with a statement timeout: a read is served while the
 * writes hold every connection of theirs, and a read slower than the timeout answers {@code 503}
 * with {@code Retry-After} instead of holding its connection.
 */
@TestPropertySource(
    properties = {
      // The admin key, once looked up, needs no connection while the test holds the writes' pool.
      "rastro.security.key-cache=10m",
      "rastro.read-model.statement-timeout=1s"
    })
class ReadPoolIT extends IntegrationTest {

  @Autowired HikariDataSource writes;

  @Test
  void aReadIsServedWhileTheWritesHoldEveryConnectionOfTheirs() throws Exception {
    var customerId = fixtures.customer();
    var trackingNumber = fixtures.shipment(customerId);
    fixtures.refresh();

    var held = new ArrayList<Connection>();
    try {
      for (int i = 0; i < writes.getMaximumPoolSize(); i++) {
        held.add(writes.getConnection());
      }
      assertThat(writes.getHikariPoolMXBean().getIdleConnections()).isZero();

      var detail = api.get("/api/v1/shipments/" + trackingNumber);
      assertThat(detail.status()).as(detail.raw()).isEqualTo(200);
      assertThat(detail.text("trackingNumber")).isEqualTo(trackingNumber);
      var page = api.get("/api/v1/shipments?customerId=" + customerId);
      assertThat(page.status()).as(page.raw()).isEqualTo(200);
      assertThat(page.body().path("items").findValuesAsString("trackingNumber"))
          .containsExactly(trackingNumber);
      var tracking = api.as(null).get("/api/v1/track/" + trackingNumber);
      assertThat(tracking.status()).as(tracking.raw()).isEqualTo(200);
    } finally {
      for (var connection : held) {
        connection.close();
      }
    }
  }

  @Test
  void aReadSlowerThanTheStatementTimeoutAnswers503WithRetryAfter() throws Exception {
    var trackingNumber = fixtures.shipment(fixtures.customer());
    fixtures.refresh();

    try (var blocker = writes.getConnection()) {
      blocker.setAutoCommit(false);
      try (var statement = blocker.createStatement()) {
        // The read waits for this lock, as behind a slow statement, until its timeout.
        statement.execute("lock table shipment_projection_details in access exclusive mode");
      }

      var detail = api.get("/api/v1/shipments/" + trackingNumber);

      assertThat(detail.status()).as(detail.raw()).isEqualTo(503);
      assertThat(detail.contentType()).startsWith("application/problem+json");
      assertThat(detail.headers().firstValue("Retry-After")).hasValue("1");
      assertThat(detail.text("title")).isEqualTo("Temporarily unavailable");
      blocker.rollback();
    }

    assertThat(api.get("/api/v1/shipments/" + trackingNumber).status()).isEqualTo(200);
  }
}
