package io.rastro.search.postgres;

import io.rastro.search.SearchQuery;
import javax.sql.DataSource;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * The statements the postgres engine runs for a search, built by its own {@link PostgresQuery} and
 * {@link Vocabulary} and run straight on the database, without Rastro around them: what the search
 * benchmark compares Rastro's API with.
 */
public final class RawPostgresSearch {

  private final JdbcClient jdbc;
  private final Vocabulary vocabulary;

  public RawPostgresSearch(DataSource database) {
    this.jdbc = JdbcClient.create(database);
    this.vocabulary = new Vocabulary(jdbc);
  }

  /**
   * Runs the search as the engine does (the lookups of words one typo away, the page, the facets);
   * returns the rows of the page.
   */
  public int run(SearchQuery query) {
    var found = PostgresQuery.of(query, vocabulary);
    var page = jdbc.sql(found.page());
    found.params().forEach(page::param);
    var rows = page.query((rs, n) -> rs.getString("tracking_number")).list().size();
    var facets = jdbc.sql(found.facets());
    found.params().forEach(facets::param);
    facets.query((rs, n) -> rs.getLong("n")).list();
    return rows;
  }
}
