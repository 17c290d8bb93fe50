package io.rastro.search.elasticsearch;

import io.rastro.search.SearchQuery;
import io.rastro.search.SearchQuery.Circle;
import java.util.Objects;
import org.jspecify.annotations.Nullable;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * A search as an Elasticsearch request, matching exactly what the postgres engine matches: every
 * folded word as a prefix of a document's word, or one edit away from one (no transpositions) from
 * {@link SearchQuery#FUZZY_LENGTH} letters. The text only ever goes into term-level queries, never
 * into a query language.
 */
final class ElasticsearchQuery {

  private ElasticsearchQuery() {}

  static ObjectNode of(SearchQuery query, JsonMapper json) {
    var body = json.createObjectNode();
    body.put("size", query.limit() + 1);
    body.put("track_total_hits", true);
    var bool = body.putObject("query").putObject("bool");
    var filter = bool.putArray("filter");
    var must = bool.putArray("must");
    for (var word : query.words()) {
      var should =
          must.addObject().putObject("bool").put("minimum_should_match", 1).putArray("should");
      should.addObject().putObject("prefix").put("words", word);
      if (SearchQuery.toleratesTypo(word)) {
        should
            .addObject()
            .putObject("fuzzy")
            .putObject("words")
            .put("value", word)
            .put("fuzziness", 1)
            .put("prefix_length", 0)
            .put("transpositions", false);
      }
    }
    if (!query.words().isEmpty()) {
      body.put("track_scores", true);
    }
    within(filter, "here", query.near());
    within(filter, "destinationPoint", query.destinationNear());
    term(filter, "customerId", query.customerId() == null ? null : query.customerId().toString());
    term(filter, "status", query.status());
    term(filter, "carrierCode", query.carrierCode());
    if (query.createdFrom() != null || query.createdTo() != null) {
      var range = filter.addObject().putObject("range").putObject("createdAt");
      if (query.createdFrom() != null) {
        range.put("gte", query.createdFrom().toString());
      }
      if (query.createdTo() != null) {
        range.put("lt", query.createdTo().toString());
      }
    }
    sort(body.putArray("sort"), query);
    if (query.after() != null) {
      var after = body.putArray("search_after");
      if (query.sort() == SearchQuery.Sort.NEWEST) {
        after.add((long) query.after().key());
      } else {
        after.add(query.after().key());
      }
      after.add(query.after().trackingNumber());
    }
    var aggregations = body.putObject("aggs");
    aggregations.putObject("status").putObject("terms").put("field", "status").put("size", 50);
    aggregations
        .putObject("carrier")
        .putObject("terms")
        .put("field", "carrierCode")
        .put("size", 1000);
    return body;
  }

  private static void sort(ArrayNode sort, SearchQuery query) {
    switch (query.sort()) {
      case RELEVANCE -> sort.addObject().putObject("_score").put("order", "desc");
      case NEWEST -> sort.addObject().putObject("createdAt").put("order", "desc");
      case DISTANCE -> {
        var from =
            Objects.requireNonNull(query.distanceFrom(), "sorting by distance needs a circle");
        var field = query.near() != null ? "here" : "destinationPoint";
        var distance = sort.addObject().putObject("_geo_distance");
        distance.putObject(field).put("lat", from.lat()).put("lon", from.lon());
        distance.put("order", "asc").put("unit", "km").put("distance_type", "arc");
      }
    }
    sort.addObject().putObject("trackingNumber").put("order", "asc");
  }

  private static void within(ArrayNode filter, String field, @Nullable Circle circle) {
    if (circle != null) {
      var distance = filter.addObject().putObject("geo_distance");
      distance.put("distance", circle.radiusKm() + "km").put("distance_type", "arc");
      distance.putObject(field).put("lat", circle.lat()).put("lon", circle.lon());
    }
  }

  private static void term(ArrayNode filter, String field, @Nullable String value) {
    if (value != null) {
      filter.addObject().putObject("term").put(field, value);
    }
  }
}
