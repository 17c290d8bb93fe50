package io.rastro.search.elasticsearch;

import io.rastro.platform.ServiceUnavailableException;
import io.rastro.search.SearchDocument;
import io.rastro.search.SearchProperties;
import java.time.Duration;
import java.util.List;
import java.util.Map;
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
      body.append(action("index", index, document.hit().trackingNumber(), document.version()));
      body.append(json.writeValueAsString(source(document))).append('\n');
    }
    bulk(body.toString(), "index");
  }

  /**
   * Deletes these documents from the index, each only if its version is at least the one the index
   * holds: the delete's version stays behind, so that an older state written late cannot bring the
   * document back.
   */
  void delete(Map<String, Long> versions, String index) {
    if (versions.isEmpty()) {
      return;
    }
    var body = new StringBuilder();
    versions.forEach((id, version) -> body.append(action("delete", index, id, version)));
    bulk(body.toString(), "delete");
  }

  private String action(String kind, String index, String id, long version) {
    var action = json.createObjectNode();
    action
        .putObject(kind)
        .put("_index", index)
        .put("_id", id)
        .put("version", version)
        .put("version_type", "external_gte");
    return json.writeValueAsString(action) + "\n";
  }

  private void bulk(String body, String kind) {
    var answer = client.ok(HttpMethod.POST, "/_bulk", body);
    if (answer.path("errors").asBoolean(false)) {
      for (var item : answer.path("items")) {
        var result = item.path(kind);
        var status = result.path("status").asInt();
        // 409: the index holds a newer version already, which is what it should hold; 404: a
        // document to delete that the index never had.
        if (status >= 300 && status != 409 && !(status == 404 && kind.equals("delete"))) {
          throw failure(kind + " " + result.path("_id").asString(""), result);
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
