package io.rastro.support;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.sql.DriverManager;
import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * What the fault tests share: shipments to load, and the check that nothing was lost or doubled.
 */
public final class Reliability {

  private Reliability() {}

  /** A customer and some shipments, written before the faults begin. */
  public static List<String> shipments(Api api, int count) {
    var fixtures = new Fixtures(api);
    var customer = fixtures.customer();
    var numbers = new ArrayList<String>();
    for (int i = 0; i < count; i++) {
      numbers.add(fixtures.shipment(customer));
    }
    fixtures.awaitWritten();
    return numbers;
  }

  /**
   * Waits until the queue stays empty for half a second (a broker's consumer may hold a batch that
   * is filling up), for as long as a backlog may take to drain.
   */
  public static void awaitDrained(Api api) {
    awaitDrained(api, Duration.ofMinutes(3));
  }

  /** Waits, up to this long, until the write queue is empty. */
  public static void awaitDrained(Api api, Duration atMost) {
    await()
        .during(Duration.ofMillis(500))
        .atMost(atMost)
        .pollInterval(Duration.ofMillis(200))
        .ignoreExceptions()
        .untilAsserted(
            () ->
                assertThat(api.get("/api/v1/admin/ingest").body().path("waiting").asLong())
                    .isZero());
  }

  /** Asserts that the projected read model equals a fresh recomputation from the write model. */
  public static void assertProjectionEqualsWriteModel(Api api) {
    var check = api.get("/api/v1/admin/read-model/check");
    assertThat(check.status()).isEqualTo(200);
    assertThat(check.body().path("checked").asLong()).isPositive();
    assertThat(check.body().path("differing").asLong()).as(check.raw()).isZero();
  }

  /**
   * Asserts that every acknowledged event is in the write model exactly once.
   *
   * @param jdbcUrl the database Rastro wrote to
   */
  public static void assertWrittenOnce(String jdbcUrl, Set<String> accepted, String prefix) {
    var stored = new HashMap<String, Integer>();
    try (var connection = DriverManager.getConnection(jdbcUrl, "postgres", "");
        var statement =
            connection.prepareStatement(
                "select event_id, count(*) from tracking_events where event_id like ? group by event_id")) {
      statement.setString(1, prefix + "%");
      try (var rows = statement.executeQuery()) {
        while (rows.next()) {
          stored.put(rows.getString(1), rows.getInt(2));
        }
      }
    } catch (SQLException e) {
      throw new IllegalStateException(e);
    }
    assertThat(accepted).as("acknowledged events").isNotEmpty();
    var missing = accepted.stream().filter(id -> !stored.containsKey(id)).limit(10).toList();
    assertThat(missing).as("acknowledged events missing from the write model").isEmpty();
    assertThat(
            stored.entrySet().stream()
                .filter(e -> e.getValue() != 1)
                .map(Map.Entry::getKey)
                .toList())
        .as("events stored more than once")
        .isEmpty();
  }
}
