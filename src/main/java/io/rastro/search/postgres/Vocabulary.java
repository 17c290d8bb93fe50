package io.rastro.search.postgres;

import java.util.List;
import org.apache.commons.text.similarity.LevenshteinDistance;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * The words the documents hold ({@code search_words}), where a query word finds those one typo
 * away: the trigram index narrows the vocabulary to similar words, and their edit distance decides.
 */
final class Vocabulary {

  private static final LevenshteinDistance ONE_EDIT = new LevenshteinDistance(1);

  private final JdbcClient reads;

  Vocabulary(JdbcClient reads) {
    this.reads = reads;
  }

  /** The words of the documents one letter added, removed or replaced away from this one. */
  List<String> oneEditFrom(String word) {
    return reads
        .sql(
            """
            select word from search_words
            where word % :word and length(word) between :shortest and :longest
            """)
        .param("word", word)
        .param("shortest", word.length() - 1)
        .param("longest", word.length() + 1)
        .query((rs, n) -> rs.getString(1))
        .list()
        .stream()
        .filter(candidate -> ONE_EDIT.apply(candidate, word) == 1)
        .toList();
  }
}
