package io.rastro.search;

import java.net.URI;
import java.time.Duration;
import java.util.List;
import org.jspecify.annotations.Nullable;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Which engine answers searches, and how to reach Elasticsearch.
 *
 * @param engine {@code postgres} (the default: the read database answers, nothing else to run) or
 *     {@code elasticsearch} (the cluster at {@code rastro.search.elasticsearch.uris})
 * @param elasticsearch the cluster, when it is the engine
 */
@ConfigurationProperties("rastro.search")
public record SearchProperties(
    @DefaultValue("postgres") Engine engine, @DefaultValue Elasticsearch elasticsearch) {

  /** The outbox consumer that keeps the search documents, by the name of its cursor. */
  public static final String CURSOR = "search";

  /** The engines Rastro can search with. */
  public enum Engine {
    POSTGRES,
    ELASTICSEARCH
  }

  /**
   * An Elasticsearch 8 cluster (OpenSearch 2 speaks the same REST API for what Rastro uses).
   *
   * @param uris its HTTP addresses; requests go to the first that answers
   * @param index the alias Rastro searches; the index behind it is {@code <alias>-<timestamp>}, so
   *     that a reindex can swap it
   * @param username with {@code password}, sent as HTTP basic authentication when set
   * @param timeout the longest one request to the cluster may take
   */
  public record Elasticsearch(
      @DefaultValue("http://localhost:9200") List<URI> uris,
      @DefaultValue("rastro-shipments") String index,
      @Nullable String username,
      @Nullable String password,
      @DefaultValue("10s") Duration timeout) {

    public Elasticsearch {
      if (!index.matches("[a-z0-9][a-z0-9_-]*")) {
        throw new IllegalArgumentException(
            "rastro.search.elasticsearch.index must be lower-case letters, digits, '-' or '_': "
                + index);
      }
      if (uris.isEmpty()) {
        throw new IllegalArgumentException("rastro.search.elasticsearch.uris names no address");
      }
    }
  }
}
