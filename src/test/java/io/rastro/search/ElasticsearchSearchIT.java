package io.rastro.search;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeFalse;

import io.rastro.support.ElasticsearchNode;
import io.rastro.support.TestDatabase;
import java.util.UUID;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/** The search contract on a real Elasticsearch 8 node started by the test. */
class ElasticsearchSearchIT extends SearchContract {

  @BeforeAll
  static void node() {
    // One pass is enough: the engine is the same whichever PostgreSQL holds the documents.
    assumeFalse(TestDatabase.onServer(), "runs on the embedded PostgreSQL only");
    ElasticsearchNode.shared();
  }

  @DynamicPropertySource
  static void elasticsearch(DynamicPropertyRegistry registry) {
    registry.add("rastro.search.engine", () -> "elasticsearch");
    registry.add("rastro.search.elasticsearch.uris", () -> ElasticsearchNode.shared().uri());
    registry.add(
        "rastro.search.elasticsearch.index",
        () -> "rastro-it-" + UUID.randomUUID().toString().substring(0, 8));
  }

  @Override
  String engine() {
    return "elasticsearch";
  }

  @Test
  void aReindexSwapsInANewIndexAndKeepsEveryAnswer() {
    var before = adminSearch("q=zaragoza");
    var reindexed = api.post("/api/v1/admin/search/reindex", "");
    assertThat(reindexed.status()).as(reindexed.raw()).isEqualTo(200);
    assertThat(reindexed.body().path("documents").asLong()).isGreaterThanOrEqualTo(5);
    assertThat(numbers(adminSearch("q=zaragoza")))
        .containsExactlyInAnyOrderElementsOf(numbers(before));
    awaitSearchEqualsReadModel();
  }
}
