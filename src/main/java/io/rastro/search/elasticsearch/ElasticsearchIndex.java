package io.rastro.search.elasticsearch;

import io.rastro.platform.ServiceUnavailableException;
import io.rastro.search.SearchDocument;
import io.rastro.search.SearchProperties;
import java.time.Duration;
import java.util.List;
import org.springframework.http.HttpMethod;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

/**
 * The index Rastro searches: an alias ({@code rastro.search.elasticsearch.index}) over one index of
 * that name and a suffix, its mapping, and the bulk writes into it. Each document's id is its
 * tracking number and its external version the document's, so that an older state written late
 * never replaces a newer one.
 */
final class ElasticsearchIndex {

  /** Words as keywords (Rastro folds them), places as geo points, the rest as it is shown. */
  private static final String MAPPING =
      """
      {"mappings": {"dynamic": "strict", "properties": {
        "trackingNumber": {"type": "keyword"},
        "status": {"type": "keyword"},
        "reference": {"type": "keyword", "index": false},
        "customerId": {"type": "keyword"},
        "customerName": {"type": "keyword", "index": false},
        "carrierCode": {"type": "keyword"},
        "createdAt": {"type": "date"},
        "words": {"type": "keyword"},
        "here": {"type": "geo_point"},
        "destinationPoint": {"type": "geo_point"},
        "origin": {"type": "object", "enabled": false},
        "destination": {"type": "object", "enabled": false},
        "lastEvent": {"type": "object", "enabled": false}
      }}}""";

  private final ElasticsearchClient client;
  private final JsonMapper json;
  private final String alias;
  private volatile boolean ready;

  ElasticsearchIndex(ElasticsearchClient client, JsonMapper json, SearchProperties properties) {
    this.client = client;
    this.json = json;
    this.alias = properties.elasticsearch().index();
  }

  String alias() {
    return alias;
  }

  /** Creates the first index behind the alias, unless the alias exists. */
  void ensureExists() {
    if (ready) {
      return;
    }
    if (client.call(HttpMethod.GET, "/_alias/" + alias, null).status() == 404) {
      var body = (ObjectNode) json.readTree(MAPPING);
      body.putObject("aliases").putObject(alias);
      var created = client.call(HttpMethod.PUT, "/" + alias + "-initial", body);
      if (!created.ok()
          && !created
              .body()
              .path("error")
              .path("type")
              .asString("")
              .equals("resource_already_exists_exception")) {
        throw failure("create the index " + alias + "-initial", created.body());
      }
    }
    ready = true;
  }

  /** Creates a new, empty index with the mapping, not yet behind the alias. */
  void create(String index) {
    client.ok(HttpMethod.PUT, "/" + index, json.readTree(MAPPING));
  }

  /**
   * Writes these documents into the index (the alias, or a named index), each only if its version
   * is at least the one the index holds.
   *
   * @throws ServiceUnavailableException when the cluster refused any for another reason
   */
  void write(List<SearchDocument> documents, String index) {
    if (documents.isEmpty()) {
      return;
    }
    var body = new StringBuilder();
    for (var document : documents) {
      var action = json.createObjectNode();
      action
          .putObject("index")
          .put("_index", index)
          .put("_id", document.hit().trackingNumber())
          .put("version", document.version())
          .put("version_type", "external_gte");
      body.append(json.writeValueAsString(action)).append('\n');
      body.append(json.writeValueAsString(source(document))).append('\n');
    }
    var answer = client.ok(HttpMethod.POST, "/_bulk", body.toString());
    if (answer.path("errors").asBoolean(false)) {
      for (var item : answer.path("items")) {
        var result = item.path("index");
        // 409: the index holds a newer version already, which is what it should hold.
        if (result.path("status").asInt() >= 300 && result.path("status").asInt() != 409) {
          throw failure("index " + result.path("_id").asString(""), result);
        }
      }
    }
  }

  private ObjectNode source(SearchDocument document) {
    var source = (ObjectNode) json.valueToTree(document.hit());
    source.remove(List.of("distanceKm", "score"));
    source.put(
        "customerId", document.customerId() == null ? null : document.customerId().toString());
    source.put("createdAt", document.createdAt() == null ? null : document.createdAt().toString());
    source.set("words", json.valueToTree(document.words()));
    if (document.here() != null) {
      source.set("here", json.valueToTree(document.here()));
    }
    if (document.destination() != null) {
      source.set("destinationPoint", json.valueToTree(document.destination()));
    }
    return source;
  }

  static ServiceUnavailableException failure(String what, JsonNode error) {
    return new ServiceUnavailableException(
        "Elasticsearch could not %s: %s".formatted(what, error), Duration.ofSeconds(5), null);
  }
}
