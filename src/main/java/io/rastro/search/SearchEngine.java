package io.rastro.search;

import java.util.Collection;
import java.util.List;
import java.util.Map;

/**
 * The port every search engine implements, with the same answers: which shipments match a query may
 * not differ between engines, only their ranking.
 */
public interface SearchEngine {

  /** The engine's name, as {@code rastro.search.engine} spells it. */
  String name();

  /**
   * Makes these documents what the engine answers from. Called by the search consumer inside the
   * transaction that advances its cursor, before it commits: it may be called again with the same
   * documents, or with older versions of them, which must change nothing.
   */
  void index(List<SearchDocument> documents);

  /**
   * Forgets these shipments (they left for the archive): each document goes unless the engine holds
   * a version newer than the one given, drawn after every version the document had. Called like
   * {@link #index}, inside the consumer's transaction.
   */
  void remove(Map<String, Long> versions);

  /** Answers a search. */
  SearchPage search(SearchQuery query);

  /** How many searchable shipments the engine holds in each status. */
  Map<String, Long> countByStatus();

  /** What the engine answers for these shipments, those it holds. */
  Map<String, SearchHit> find(Collection<String> trackingNumbers);
}
