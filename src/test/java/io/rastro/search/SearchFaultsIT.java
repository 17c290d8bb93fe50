package io.rastro.search;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assumptions.assumeFalse;

import io.rastro.support.Api;
import io.rastro.support.ElasticsearchNode;
import io.rastro.support.Load;
import io.rastro.support.RastroProcess;
import io.rastro.support.Reliability;
import io.rastro.support.TestDatabase;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Search under faults, on Rastro processes of the test's own with the Elasticsearch engine: the
 * cluster stopped and started while events flow, and Rastro killed while it indexes. Afterwards the
 * index holds exactly what the read model holds.
 */
class SearchFaultsIT {

  @BeforeAll
  static void once() {
    assumeFalse(TestDatabase.onServer(), "runs its own processes; once per build is enough");
  }

  @Test
  void indexingResumesWhereItStoppedWhenElasticsearchComesBack() {
    try (var node = ElasticsearchNode.start();
        var rastro = RastroProcess.start("search-es-outage", properties(node))) {
      var api = rastro.api();
      var shipments = Reliability.shipments(api, 20);
      try (var load = new Load(api, shipments, "es-outage-").start(2, 1)) {
        await().atMost(Duration.ofMinutes(1)).until(() -> load.acceptedCount() >= 1000);
        node.stop();
        var during = load.acceptedCount();
        await().atMost(Duration.ofMinutes(1)).until(() -> load.acceptedCount() >= during + 1000);
        var refused = api.get("/api/v1/shipments/search?q=" + shipments.getFirst());
        assertThat(refused.status()).as(refused.raw()).isEqualTo(503);
        assertThat(refused.raw()).contains("Elasticsearch");
        // Elasticsearch starts in some 12 s on these two cores, but took 80 s and more beside this
        // load at full speed: the senders wait while it starts, and go on while it catches up.
        load.hold();
        node.startAgain();
        load.resume();
        var after = load.acceptedCount();
        await().atMost(Duration.ofMinutes(1)).until(() -> load.acceptedCount() >= after + 1000);
        load.stop();
        assertThat(load.failed()).as("failures: %s", load.failures()).isZero();
      }
      assertIndexEqualsReadModel(api, shipments);
    }
  }

  @Test
  void aKill9WhileIndexingLosesAndDoublesNothing() {
    var node = ElasticsearchNode.shared();
    var properties = properties(node);
    List<String> shipments;
    try (var first = RastroProcess.start("search-kill9", properties)) {
      shipments = Reliability.shipments(first.api(), 20);
      try (var load = new Load(first.api(), shipments, "search-kill9-").start(2, 1)) {
        await().atMost(Duration.ofMinutes(1)).until(() -> load.acceptedCount() >= 3000);
        load.serverGoing();
        first.kill();
        load.stop();
      }
    }
    try (var second = RastroProcess.start("search-kill9-restarted", properties)) {
      assertIndexEqualsReadModel(second.api(), shipments);
    }
  }

  private static Map<String, String> properties(ElasticsearchNode node) {
    var dataDir = Path.of(TestDatabase.freshDirectory());
    var postgresPort = RastroProcess.freePort();
    var properties = new HashMap<>(RastroProcess.ownDatabase(dataDir, postgresPort));
    properties.put("rastro.search.engine", "elasticsearch");
    properties.put("rastro.search.elasticsearch.uris", node.uri());
    properties.put("rastro.search.elasticsearch.index", "rastro-faults-" + postgresPort);
    properties.put("rastro.search.elasticsearch.timeout", "2s");
    return properties;
  }

  /** Every accepted event applied, the read model equal to the write model, the index to both. */
  private static void assertIndexEqualsReadModel(Api api, List<String> shipments) {
    Reliability.awaitDrained(api);
    Reliability.assertProjectionEqualsWriteModel(api);
    await()
        .atMost(Duration.ofMinutes(1))
        .pollInterval(Duration.ofMillis(250))
        .untilAsserted(
            () -> {
              var check = api.get("/api/v1/admin/search/check");
              assertThat(check.status()).as(check.raw()).isEqualTo(200);
              assertThat(check.body().path("differing").asLong()).as(check.raw()).isZero();
            });
    for (var number : shipments) {
      var found = api.get("/api/v1/shipments/search?q=" + number).body();
      assertThat(SearchContract.numbers(found)).containsExactly(number);
      var detail = api.get("/api/v1/shipments/" + number).body();
      var hit = found.path("items").get(0);
      assertThat(hit.path("status").asString()).isEqualTo(detail.path("status").asString());
      assertThat(hit.path("lastEvent").path("eventId").asString())
          .isEqualTo(detail.path("lastEvent").path("eventId").asString());
    }
  }
}
