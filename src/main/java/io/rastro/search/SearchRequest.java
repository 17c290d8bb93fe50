package io.rastro.search;

import io.rastro.platform.FieldError;
import io.rastro.platform.InvalidRequestException;
import io.rastro.search.SearchQuery.Circle;
import io.rastro.search.SearchQuery.Sort;
import io.rastro.tracking.TrackingStatus;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.UUID;
import org.jspecify.annotations.Nullable;

/**
 * The parameters of {@code GET /api/v1/shipments/search} as they came, and their validation into a
 * {@link SearchQuery}: every field at fault is named in one {@code 400}.
 */
public record SearchRequest(
    @Nullable String q,
    @Nullable String near,
    @Nullable Double radiusKm,
    @Nullable String destinationNear,
    @Nullable Double destinationRadiusKm,
    @Nullable String status,
    @Nullable String carrierCode,
    @Nullable UUID customerId,
    @Nullable OffsetDateTime createdFrom,
    @Nullable OffsetDateTime createdTo,
    @Nullable String sort,
    int limit,
    @Nullable String cursor) {

  /** A search by text alone, the best matches first, as the operations dashboard asks. */
  public static SearchRequest text(@Nullable String q, int limit) {
    return new SearchRequest(
        q, null, null, null, null, null, null, null, null, null, null, limit, null);
  }

  static final int MAX_LIMIT = 100;
  static final int MAX_TEXT = 500;
  static final int MAX_WORDS = 20;
  static final double DEFAULT_RADIUS_KM = 50;
  static final double MAX_RADIUS_KM = 20_000;

  /**
   * The query, for a caller limited to {@code scope}'s shipments when it is set.
   *
   * @throws InvalidRequestException naming each field at fault
   */
  public SearchQuery query(@Nullable UUID scope) {
    var errors = new ArrayList<FieldError>();
    var words = words(errors);
    var near = circle("near", this.near, "radiusKm", radiusKm, errors);
    var destination =
        circle(
            "destinationNear", destinationNear, "destinationRadiusKm", destinationRadiusKm, errors);
    var order = sort(words, near != null || destination != null, errors);
    if (limit < 1 || limit > MAX_LIMIT) {
      errors.add(new FieldError("limit", "must be between 1 and " + MAX_LIMIT));
    }
    if (createdFrom != null && createdTo != null && !createdFrom.isBefore(createdTo)) {
      errors.add(new FieldError("createdTo", "must be after createdFrom"));
    }
    var statusValue = status(errors);
    SearchCursor after = null;
    if (cursor != null && order != null) {
      try {
        after = SearchCursor.decode(cursor, order);
      } catch (InvalidRequestException e) {
        errors.addAll(e.errors());
      }
    }
    if (!errors.isEmpty()) {
      throw new InvalidRequestException(errors);
    }
    return new SearchQuery(
        words,
        near,
        destination,
        scope != null ? scope : customerId,
        statusValue,
        carrierCode == null ? null : carrierCode.strip().toUpperCase(Locale.ROOT),
        createdFrom == null ? null : createdFrom.toInstant(),
        createdTo == null ? null : createdTo.toInstant(),
        Objects.requireNonNull(order),
        limit,
        after);
  }

  private List<String> words(List<FieldError> errors) {
    if (q == null || q.isBlank()) {
      return List.of();
    }
    if (q.length() > MAX_TEXT) {
      errors.add(new FieldError("q", "is longer than " + MAX_TEXT + " characters"));
      return List.of();
    }
    var words = Words.of(q);
    if (words.isEmpty()) {
      errors.add(new FieldError("q", "holds no letter or digit to search for"));
    } else if (words.size() > MAX_WORDS) {
      errors.add(new FieldError("q", "has more than " + MAX_WORDS + " words"));
    }
    return words;
  }

  private static @Nullable Circle circle(
      String pointField,
      @Nullable String point,
      String radiusField,
      @Nullable Double radius,
      List<FieldError> errors) {
    if (point == null) {
      if (radius != null) {
        errors.add(new FieldError(radiusField, "needs " + pointField));
      }
      return null;
    }
    var km = radius == null ? DEFAULT_RADIUS_KM : radius;
    if (!(km > 0 && km <= MAX_RADIUS_KM)) {
      errors.add(
          new FieldError(radiusField, "must be more than 0 and at most " + (int) MAX_RADIUS_KM));
    }
    var parts = point.split(",", -1);
    try {
      if (parts.length == 2) {
        var lat = Double.parseDouble(parts[0].strip());
        var lon = Double.parseDouble(parts[1].strip());
        if (lat >= -90 && lat <= 90 && lon >= -180 && lon <= 180) {
          return new Circle(lat, lon, km);
        }
      }
    } catch (NumberFormatException e) {
      // answered below
    }
    errors.add(
        new FieldError(
            pointField, "must be latitude,longitude in degrees, such as 41.6488,-0.8891"));
    return null;
  }

  private @Nullable Sort sort(List<String> words, boolean circle, List<FieldError> errors) {
    if (sort == null) {
      return !words.isEmpty() ? Sort.RELEVANCE : circle ? Sort.DISTANCE : Sort.NEWEST;
    }
    var order =
        Arrays.stream(Sort.values())
            .filter(s -> s.name().equalsIgnoreCase(sort.strip()))
            .findFirst()
            .orElse(null);
    if (order == null) {
      errors.add(new FieldError("sort", "must be relevance, distance or newest"));
    } else if (order == Sort.RELEVANCE && words.isEmpty()) {
      errors.add(new FieldError("sort", "relevance needs a text to search, q"));
    } else if (order == Sort.DISTANCE && !circle) {
      errors.add(new FieldError("sort", "distance needs near or destinationNear"));
    }
    return order;
  }

  private @Nullable String status(List<FieldError> errors) {
    if (status == null) {
      return null;
    }
    try {
      return TrackingStatus.filter(status);
    } catch (InvalidRequestException e) {
      errors.addAll(e.errors());
      return null;
    }
  }
}
