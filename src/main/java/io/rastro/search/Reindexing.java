package io.rastro.search;

/** An engine whose index can be rebuilt from the search documents while it keeps answering. */
public interface Reindexing {

  /** Rebuilds the index into a new one and swaps it in; returns what it did. */
  Reindexed reindex();

  /**
   * A rebuild done.
   *
   * @param index the index that now answers
   * @param documents how many documents it holds
   * @param tookMs how long the rebuild took, during which new events waited
   */
  record Reindexed(String index, long documents, long tookMs) {}
}
