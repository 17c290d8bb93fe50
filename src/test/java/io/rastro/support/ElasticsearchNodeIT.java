package io.rastro.support;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assumptions.assumeFalse;

import java.io.UncheckedIOException;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/**
 * What Rastro may rely on in the Elasticsearch the tests run (the integ-test distribution: no
 * analysis-common, so Rastro folds text itself and indexes keyword tokens), and that a node of a
 * test's own keeps its data when stopped or killed.
 */
class ElasticsearchNodeIT {

  @BeforeAll
  static void once() {
    assumeFalse(TestDatabase.onServer(), "needs no database: the embedded run covers it");
  }

  private static Api.Response call(Api es, String method, String path, String body) {
    var contentType = path.startsWith("/_bulk") ? "application/x-ndjson" : "application/json";
    var response = es.send(method, path, Map.of("Content-Type", contentType), body);
    assertThat(response.status()).as(method + " " + path + ": " + response.raw()).isLessThan(300);
    return response;
  }

  private static List<String> ids(Api.Response response) {
    return response
        .body()
        .path("hits")
        .path("hits")
        .valueStream()
        .map(hit -> hit.path("_id").asString())
        .toList();
  }

  @Test
  void hasTheModulesAndFeaturesRastroUses() {
    var es = Api.other(ElasticsearchNode.shared().uri());
    var modules =
        es.get("/_nodes/plugins?filter_path=nodes.*.modules.name")
            .body()
            .path("nodes")
            .valueStream()
            .flatMap(node -> node.path("modules").valueStream())
            .map(module -> module.path("name").asString())
            .toList();
    assertThat(modules)
        .containsExactlyInAnyOrder("apm", "transport-netty4", "x-pack-core", "x-pack-security");

    // An index behind an alias: keyword tokens and a point.
    var name = "smoke-" + UUID.randomUUID();
    call(
        es,
        "PUT",
        "/" + name + "-1",
        """
        {"settings": {"number_of_shards": 1, "number_of_replicas": 0},
         "mappings": {"properties": {
           "tokens": {"type": "keyword"},
           "carrier": {"type": "keyword"},
           "location": {"type": "geo_point"}}},
         "aliases": {"%s": {}}}
        """
            .formatted(name));

    // Bulk indexing with versions of the caller's own: an older version than the stored one is
    // refused, item by item.
    var bulk =
        call(
            es,
            "POST",
            "/_bulk?refresh=true",
            """
            {"index": {"_index": "%1$s", "_id": "a", "version": 5, "version_type": "external"}}
            {"tokens": ["lisboa", "porto"], "carrier": "ctt", "location": {"lat": 38.72, "lon": -9.14}}
            {"index": {"_index": "%1$s", "_id": "b", "version": 3, "version_type": "external"}}
            {"tokens": ["madrid"], "carrier": "seur", "location": {"lat": 40.42, "lon": -3.70}}
            {"index": {"_index": "%1$s", "_id": "c", "version": 7, "version_type": "external"}}
            {"tokens": ["braga", "porto"], "carrier": "ctt", "location": {"lat": 41.55, "lon": -8.42}}
            {"index": {"_index": "%1$s", "_id": "a", "version": 4, "version_type": "external"}}
            {"tokens": ["stale"], "carrier": "none", "location": {"lat": 0, "lon": 0}}
            """
                .formatted(name));
    assertThat(
            bulk.body()
                .path("items")
                .valueStream()
                .map(item -> item.path("index").path("status").asInt()))
        .containsExactly(201, 201, 201, 409);
    var a = es.get("/" + name + "/_doc/a").body();
    assertThat(a.path("_version").asInt()).isEqualTo(5);
    assertThat(a.path("_source").path("carrier").asString()).isEqualTo("ctt");

    // Fuzzy (one edit, a transposition counting two) and prefix queries on keyword tokens.
    var fuzzy =
        """
        {"query": {"fuzzy": {"tokens": {"value": "%s", "fuzziness": 1, "transpositions": %s}}}}
        """;
    assertThat(ids(call(es, "POST", "/" + name + "/_search", fuzzy.formatted("prto", false))))
        .containsExactlyInAnyOrder("a", "c");
    assertThat(ids(call(es, "POST", "/" + name + "/_search", fuzzy.formatted("oprto", false))))
        .isEmpty();
    assertThat(ids(call(es, "POST", "/" + name + "/_search", fuzzy.formatted("oprto", true))))
        .containsExactlyInAnyOrder("a", "c");
    assertThat(
            ids(
                call(
                    es,
                    "POST",
                    "/" + name + "/_search",
                    """
                    {"query": {"prefix": {"tokens": "lis"}}}
                    """)))
        .containsExactly("a");

    // Within 300 km of a point near Porto, nearest first: Braga, then Lisbon (Madrid is out).
    var near =
        call(
            es,
            "POST",
            "/" + name + "/_search",
            """
            {"query": {"bool": {"filter": {"geo_distance": {
               "distance": "300km", "location": {"lat": 41.0, "lon": -8.5}}}}},
             "sort": [{"_geo_distance": {
               "location": {"lat": 41.0, "lon": -8.5}, "order": "asc", "unit": "km"}}]}
            """);
    assertThat(ids(near)).containsExactly("c", "a");
    var kilometres =
        near.body()
            .path("hits")
            .path("hits")
            .valueStream()
            .map(hit -> hit.path("sort").path(0).asDouble())
            .toList();
    assertThat(kilometres.get(0)).isBetween(50.0, 70.0);
    assertThat(kilometres.get(1)).isBetween(250.0, 270.0);

    // Counts by carrier.
    var buckets =
        call(
                es,
                "POST",
                "/" + name + "/_search",
                """
                {"size": 0, "aggs": {"carriers": {"terms": {"field": "carrier"}}}}
                """)
            .body()
            .path("aggregations")
            .path("carriers")
            .path("buckets");
    assertThat(
            buckets
                .valueStream()
                .map(
                    bucket ->
                        bucket.path("key").asString() + "=" + bucket.path("doc_count").asInt()))
        .containsExactly("ctt=2", "seur=1");

    // The alias moves to a new index at once, as a rebuild of the index would move it.
    call(es, "PUT", "/" + name + "-2", "{\"settings\": {\"number_of_replicas\": 0}}");
    call(
        es,
        "POST",
        "/_aliases",
        """
        {"actions": [
          {"remove": {"index": "%1$s-1", "alias": "%1$s"}},
          {"add": {"index": "%1$s-2", "alias": "%1$s"}}]}
        """
            .formatted(name));
    JsonNode total =
        call(es, "POST", "/" + name + "/_search", "{}").body().path("hits").path("total");
    assertThat(total.path("value").asInt()).isZero();
    call(es, "DELETE", "/" + name + "-*", "");
  }

  @Test
  void aNodeOfItsOwnKeepsItsDataWhenStoppedOrKilled() {
    try (var node = ElasticsearchNode.start()) {
      var es = Api.other(node.uri());
      call(es, "PUT", "/kept", "{\"settings\": {\"number_of_replicas\": 0}}");
      call(es, "PUT", "/kept/_doc/1?refresh=true", "{\"carrier\": \"ctt\"}");

      node.stop();
      assertThatThrownBy(() -> es.get("/")).isInstanceOf(UncheckedIOException.class);
      node.startAgain();
      assertThat(es.get("/kept/_doc/1").body().path("found").asBoolean()).isTrue();

      node.kill();
      assertThatThrownBy(() -> es.get("/")).isInstanceOf(UncheckedIOException.class);
      node.startAgain();
      assertThat(es.get("/kept/_doc/1").body().path("_source").path("carrier").asString())
          .isEqualTo("ctt");
    }
  }
}
