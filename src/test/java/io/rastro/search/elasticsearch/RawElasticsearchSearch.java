package io.rastro.search.elasticsearch;

import io.rastro.search.SearchQuery;
import tools.jackson.databind.json.JsonMapper;

/**
 * The body of the {@code _search} request the Elasticsearch engine sends for a search, built by its
 * own {@link ElasticsearchQuery}: what the search benchmark sends straight to the cluster beside
 * Rastro's API.
 */
public final class RawElasticsearchSearch {

  private static final JsonMapper JSON = JsonMapper.builder().build();

  private RawElasticsearchSearch() {}

  /** The JSON body of the search's {@code POST /<alias>/_search}. */
  public static String body(SearchQuery query) {
    return JSON.writeValueAsString(ElasticsearchQuery.of(query, JSON));
  }
}
