package io.rastro.search;

import java.time.Instant;
import java.util.List;
import java.util.UUID;
import org.jspecify.annotations.Nullable;

/**
 * A search, validated: what every engine answers the same way.
 *
 * @param words the folded words of the text; a shipment matches when it holds, for every one, a
 *     word that starts with it or, for words of {@link #FUZZY_LENGTH} letters or more and no digit
 *     ({@link #toleratesTypo}), a word one edit away (a letter added, removed or replaced). Codes
 *     (tracking numbers, postal codes) match whole or by prefix only: one digit off is another
 *     parcel or another street
 * @param near where the parcel was last known to be must lie within this circle
 * @param destinationNear its destination must lie within this circle
 * @param customerId only this customer's shipments (a shipper's key always sets its own)
 * @param after where the previous page ended
 */
public record SearchQuery(
    List<String> words,
    @Nullable Circle near,
    @Nullable Circle destinationNear,
    @Nullable UUID customerId,
    @Nullable String status,
    @Nullable String carrierCode,
    @Nullable Instant createdFrom,
    @Nullable Instant createdTo,
    Sort sort,
    int limit,
    @Nullable SearchCursor after) {

  /** Words at least this long also match a word one typo away. */
  public static final int FUZZY_LENGTH = 5;

  /** Whether a word also matches words one typo away: five letters or more, and no digit. */
  public static boolean toleratesTypo(String word) {
    return word.length() >= FUZZY_LENGTH && word.chars().noneMatch(Character::isDigit);
  }

  public SearchQuery {
    words = List.copyOf(words);
  }

  /** A point and the radius around it, in kilometres. */
  public record Circle(double lat, double lon, double radiusKm) {}

  /** The order of the hits; ties go by tracking number. */
  public enum Sort {
    /** The best match first. */
    RELEVANCE,
    /** The nearest to {@code near} (or else {@code destinationNear}) first. */
    DISTANCE,
    /** The most recently created first. */
    NEWEST
  }

  /** The circle that {@link Sort#DISTANCE} measures from. */
  public @Nullable Circle distanceFrom() {
    return near != null ? near : destinationNear;
  }
}
