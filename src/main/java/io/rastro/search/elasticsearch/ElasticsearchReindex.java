package io.rastro.search.elasticsearch;

import io.rastro.outbox.OutboxCursors;
import io.rastro.search.Reindexing;
import io.rastro.search.SearchDocument;
import io.rastro.search.SearchDocuments;
import io.rastro.search.SearchProperties;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import org.springframework.http.HttpMethod;
import org.springframework.transaction.support.TransactionTemplate;
import tools.jackson.databind.json.JsonMapper;

/**
 * Rebuilds the index from the search documents into a new index, then swaps the alias over to it in
 * one step and drops the old ones: searches keep their answers throughout. The search consumer's
 * lock is held meanwhile, so that no change is written to the old index only; events wait in the
 * outbox and are indexed after.
 */
final class ElasticsearchReindex implements Reindexing {

  private static final int BULK = 1000;

  private final ElasticsearchClient client;
  private final ElasticsearchIndex index;
  private final SearchDocuments documents;
  private final OutboxCursors cursors;
  private final TransactionTemplate transaction;
  private final JsonMapper json;
  private final Clock clock;

  ElasticsearchReindex(
      ElasticsearchClient client,
      ElasticsearchIndex index,
      SearchDocuments documents,
      OutboxCursors cursors,
      TransactionTemplate transaction,
      JsonMapper json,
      Clock clock) {
    this.client = client;
    this.index = index;
    this.documents = documents;
    this.cursors = cursors;
    this.transaction = transaction;
    this.json = json;
    this.clock = clock;
  }

  @Override
  public Reindexed reindex() {
    return Objects.requireNonNull(transaction.execute(status -> rebuild()));
  }

  private Reindexed rebuild() {
    var started = clock.instant();
    cursors.lock(SearchProperties.CURSOR);
    index.ensureExists();
    var next = index.alias() + "-" + started.toEpochMilli();
    index.create(next);
    var batch = new ArrayList<SearchDocument>(BULK);
    var written = new long[1];
    documents.forEachSearchable(
        document -> {
          batch.add(document);
          if (batch.size() == BULK) {
            index.write(batch, next);
            written[0] += batch.size();
            batch.clear();
          }
        });
    index.write(batch, next);
    written[0] += batch.size();
    client.ok(HttpMethod.POST, "/" + next + "/_refresh", null);
    var old =
        List.copyOf(client.ok(HttpMethod.GET, "/_alias/" + index.alias(), null).propertyNames());
    var actions = json.createObjectNode();
    var list = actions.putArray("actions");
    for (var name : old) {
      list.addObject().putObject("remove").put("index", name).put("alias", index.alias());
    }
    list.addObject().putObject("add").put("index", next).put("alias", index.alias());
    client.ok(HttpMethod.POST, "/_aliases", actions);
    for (var name : old) {
      client.ok(HttpMethod.DELETE, "/" + name, null);
    }
    return new Reindexed(next, written[0], Duration.between(started, clock.instant()).toMillis());
  }
}
