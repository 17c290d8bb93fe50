package io.rastro.search.elasticsearch;

import io.rastro.search.Distances;
import io.rastro.search.SearchCursor;
import io.rastro.search.SearchDocument;
import io.rastro.search.SearchEngine;
import io.rastro.search.SearchHit;
import io.rastro.search.SearchPage;
import io.rastro.search.SearchQuery;
import io.rastro.shipment.ShipmentAddress;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.jspecify.annotations.Nullable;
import org.springframework.http.HttpMethod;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** The Elasticsearch engine: documents written in bulk, searches answered by the cluster. */
final class ElasticsearchSearch implements SearchEngine {

  private final ElasticsearchClient client;
  private final ElasticsearchIndex index;
  private final JsonMapper json;

  ElasticsearchSearch(ElasticsearchClient client, ElasticsearchIndex index, JsonMapper json) {
    this.client = client;
    this.index = index;
    this.json = json;
  }

  @Override
  public String name() {
    return "elasticsearch";
  }

  @Override
  public void index(List<SearchDocument> documents) {
    index.ensureExists();
    index.write(documents, index.alias());
  }

  @Override
  public void remove(Map<String, Long> versions) {
    index.ensureExists();
    index.delete(versions, index.alias());
  }

  @Override
  public SearchPage search(SearchQuery query) {
    index.ensureExists();
    var answer =
        client.ok(
            HttpMethod.POST, "/" + index.alias() + "/_search", ElasticsearchQuery.of(query, json));
    var found = answer.path("hits").path("hits");
    var hits = new ArrayList<SearchHit>();
    SearchCursor next = null;
    for (var hit : found) {
      if (hits.size() == query.limit()) {
        var last = found.get(query.limit() - 1).path("sort");
        next = new SearchCursor(query.sort(), last.get(0).asDouble(), last.get(1).asString());
        break;
      }
      hits.add(hit(hit, query));
    }
    return new SearchPage(
        hits,
        answer.path("hits").path("total").path("value").asLong(),
        buckets(answer.path("aggregations").path("status")),
        buckets(answer.path("aggregations").path("carrier")),
        next);
  }

  private SearchHit hit(JsonNode hit, SearchQuery query) {
    var source = hit.path("_source");
    var from = query.distanceFrom();
    var point = source.path(query.near() != null ? "here" : "destinationPoint");
    Double distance =
        from == null || point.isMissingNode()
            ? null
            : Distances.km(
                from.lat(), from.lon(), point.path("lat").asDouble(), point.path("lon").asDouble());
    Double score = query.words().isEmpty() ? null : hit.path("_score").asDouble();
    return new SearchHit(
        source.path("trackingNumber").asString(),
        source.path("status").asString(),
        text(source, "reference"),
        text(source, "customerName"),
        text(source, "carrierCode"),
        address(source.path("origin")),
        address(source.path("destination")),
        source.path("lastEvent").isObject() ? source.path("lastEvent") : null,
        distance,
        score);
  }

  private @Nullable ShipmentAddress address(JsonNode node) {
    return node.isObject() ? json.treeToValue(node, ShipmentAddress.class) : null;
  }

  private static @Nullable String text(JsonNode source, String field) {
    var value = source.path(field);
    return value.isString() ? value.asString() : null;
  }

  private static Map<String, Long> buckets(JsonNode aggregation) {
    var counts = new TreeMap<String, Long>();
    for (var bucket : aggregation.path("buckets")) {
      counts.put(bucket.path("key").asString(), bucket.path("doc_count").asLong());
    }
    return counts;
  }

  @Override
  public Map<String, Long> countByStatus() {
    index.ensureExists();
    var body = json.createObjectNode();
    body.put("size", 0);
    body.putObject("aggs")
        .putObject("status")
        .putObject("terms")
        .put("field", "status")
        .put("size", 50);
    var answer = client.ok(HttpMethod.POST, "/" + index.alias() + "/_search", body);
    return buckets(answer.path("aggregations").path("status"));
  }

  /** As searches see them: what the last refresh made visible, not what was written since. */
  @Override
  public Map<String, SearchHit> find(Collection<String> trackingNumbers) {
    index.ensureExists();
    var body = json.createObjectNode();
    body.put("size", trackingNumbers.size());
    body.putObject("query").putObject("ids").set("values", json.valueToTree(trackingNumbers));
    var answer = client.ok(HttpMethod.POST, "/" + index.alias() + "/_search", body);
    var hits = new LinkedHashMap<String, SearchHit>();
    var noQuery =
        new SearchQuery(
            List.of(), null, null, null, null, null, null, null, SearchQuery.Sort.NEWEST, 1, null);
    for (var document : answer.path("hits").path("hits")) {
      var hit = hit(document, noQuery);
      hits.put(hit.trackingNumber(), hit);
    }
    return hits;
  }
}
