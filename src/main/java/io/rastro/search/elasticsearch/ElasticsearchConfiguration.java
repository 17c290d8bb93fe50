package io.rastro.search.elasticsearch;

import io.rastro.outbox.OutboxCursors;
import io.rastro.search.SearchDocuments;
import io.rastro.search.SearchProperties;
import java.time.Clock;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.transaction.support.TransactionTemplate;
import tools.jackson.databind.json.JsonMapper;

/** The Elasticsearch engine, when {@code rastro.search.engine=elasticsearch}. */
@Configuration(proxyBeanMethods = false)
@ConditionalOnProperty(name = "rastro.search.engine", havingValue = "elasticsearch")
class ElasticsearchConfiguration {

  @Bean
  ElasticsearchClient elasticsearchClient(SearchProperties properties, JsonMapper json) {
    return new ElasticsearchClient(properties.elasticsearch(), json);
  }

  @Bean
  ElasticsearchIndex elasticsearchIndex(
      ElasticsearchClient client, JsonMapper json, SearchProperties properties) {
    return new ElasticsearchIndex(client, json, properties);
  }

  @Bean
  ElasticsearchSearch elasticsearchSearch(
      ElasticsearchClient client, ElasticsearchIndex index, JsonMapper json) {
    return new ElasticsearchSearch(client, index, json);
  }

  @Bean
  ElasticsearchReindex elasticsearchReindex(
      ElasticsearchClient client,
      ElasticsearchIndex index,
      SearchDocuments documents,
      OutboxCursors cursors,
      TransactionTemplate transaction,
      JsonMapper json,
      Clock clock) {
    return new ElasticsearchReindex(client, index, documents, cursors, transaction, json, clock);
  }
}
