package io.rastro.search;

import java.time.Instant;
import java.util.List;
import java.util.UUID;
import org.jspecify.annotations.Nullable;

/**
 * One shipment as the search consumer last left it: what an engine indexes. Only shipments whose
 * creation has been applied are searchable ({@code createdAt} set); events that came first wait in
 * their document.
 *
 * @param hit what a search answers with (without distance and score)
 * @param words the folded words the text search matches
 * @param here where the parcel was last known to be: its latest event with coordinates, else its
 *     origin's
 * @param version greater at every change of the document, even than a change that rolled back, so
 *     that an engine never lets an older state overwrite a newer one
 */
public record SearchDocument(
    SearchHit hit,
    @Nullable UUID customerId,
    @Nullable Instant createdAt,
    List<String> words,
    @Nullable Point here,
    @Nullable Point destination,
    long version) {

  public SearchDocument {
    words = List.copyOf(words);
  }

  /** A position on Earth, in degrees. */
  public record Point(double lat, double lon) {}
}
