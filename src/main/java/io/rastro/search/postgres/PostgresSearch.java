package io.rastro.search.postgres;

import io.rastro.search.SearchCursor;
import io.rastro.search.SearchDocument;
import io.rastro.search.SearchDocuments;
import io.rastro.search.SearchEngine;
import io.rastro.search.SearchHit;
import io.rastro.search.SearchPage;
import io.rastro.search.SearchQuery;
import io.rastro.shipmentview.ReadDataSourceConfiguration;
import io.rastro.shipmentview.ReadRouting;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.jspecify.annotations.Nullable;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * The default engine: the search documents' own table in the read database answers, through a GIN
 * index on their words (whole words and prefixes), a trigram index on the vocabulary (for words one
 * typo away) and earthdistance's cube indexes (for circles). Queries read through the queries' own
 * pool, under its statement timeout.
 */
@Component
@ConditionalOnProperty(
    name = "rastro.search.engine",
    havingValue = "postgres",
    matchIfMissing = true)
class PostgresSearch implements SearchEngine {

  private final JdbcClient writes;
  private final ReadRouting routing;
  private final JdbcClient reads;
  private final SearchDocuments documents;
  private final Vocabulary vocabulary;

  PostgresSearch(
      JdbcClient writes,
      @Qualifier(ReadDataSourceConfiguration.READS) ReadRouting reads,
      SearchDocuments documents) {
    this.writes = writes;
    this.routing = reads;
    this.reads = JdbcClient.create(reads);
    this.documents = documents;
    this.vocabulary = new Vocabulary(this.reads);
  }

  @Override
  public String name() {
    return "postgres";
  }

  /** The documents are in their table already; their new words join the vocabulary. */
  @Override
  public void index(List<SearchDocument> changed) {
    var words = changed.stream().flatMap(d -> d.words().stream()).distinct().sorted().toList();
    writes
        .sql("insert into search_words (word) select unnest(?::text[]) on conflict do nothing")
        .param(words.toArray(String[]::new))
        .update();
  }

  /** Nothing more to do: the search consumer deleted their documents, which are this engine's. */
  @Override
  public void remove(Map<String, Long> versions) {}

  @Override
  public SearchPage search(SearchQuery query) {
    return routing.retrying(() -> searchHere(query));
  }

  private SearchPage searchHere(SearchQuery query) {
    var found = PostgresQuery.of(query, vocabulary);
    var spec = reads.sql(found.page());
    found.params().forEach(spec::param);
    var rows =
        spec.query(
                (rs, n) -> {
                  var hit =
                      documents.hit(
                          rs,
                          rs.getObject("distance_km", Double.class),
                          rs.getObject("score", Double.class));
                  var cursor =
                      new SearchCursor(
                          query.sort(), rs.getDouble("sort_key"), hit.trackingNumber());
                  return new Row(hit, cursor);
                })
            .list();
    var more = rows.size() > query.limit();
    var page = more ? rows.subList(0, query.limit()) : rows;
    var hits = page.stream().map(Row::hit).toList();
    return facets(found, hits, more ? page.getLast().cursor() : null);
  }

  /** A hit and where a page that ends with it goes on. */
  private record Row(SearchHit hit, SearchCursor cursor) {}

  private SearchPage facets(
      PostgresQuery found, List<SearchHit> hits, @Nullable SearchCursor next) {
    var byStatus = new TreeMap<String, Long>();
    var byCarrier = new TreeMap<String, Long>();
    var total = new long[1];
    var spec = reads.sql(found.facets());
    found.params().forEach(spec::param);
    spec.query(
        rs -> {
          var n = rs.getLong("n");
          if (rs.getInt("by_status") == 0) {
            byStatus.put(rs.getString("status"), n);
          } else if (rs.getInt("by_carrier") == 0) {
            var carrier = rs.getString("carrier_code");
            if (carrier != null) {
              byCarrier.put(carrier, n);
            }
          } else {
            total[0] = n;
          }
        });
    return new SearchPage(hits, total[0], byStatus, byCarrier, next);
  }

  @Override
  public Map<String, Long> countByStatus() {
    var counts = new TreeMap<String, Long>();
    reads
        .sql(
            "select status, count(*) from search_documents where created_at is not null"
                + " group by status")
        .query(
            rs -> {
              counts.put(rs.getString(1), rs.getLong(2));
            });
    return counts;
  }

  @Override
  public Map<String, SearchHit> find(Collection<String> trackingNumbers) {
    var hits = new LinkedHashMap<String, SearchHit>();
    reads
        .sql(
            "select "
                + SearchDocuments.COLUMNS
                + " from search_documents where tracking_number = any (?) and created_at is not null")
        .param(trackingNumbers.toArray(String[]::new))
        .query((rs, n) -> documents.hit(rs, null, null))
        .list()
        .forEach(hit -> hits.put(hit.trackingNumber(), hit));
    return hits;
  }
}
