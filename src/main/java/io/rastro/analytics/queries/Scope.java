package io.rastro.analytics.queries;

import static java.time.temporal.ChronoUnit.SECONDS;

import io.rastro.platform.InvalidRequestException;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Locale;
import java.util.UUID;
import org.jspecify.annotations.Nullable;

/**
 * Which shipments a report covers: created in {@code [from, to)}, and optionally of one carrier,
 * origin country, destination country, and customer (a shipper's own). Every value is checked
 * against a strict pattern before it is written into the SQL as a literal: the engines' HTTP and
 * JDBC interfaces share no way of binding parameters.
 */
record Scope(
    Instant from,
    Instant to,
    @Nullable String carrierCode,
    @Nullable String originCountry,
    @Nullable String destinationCountry,
    @Nullable UUID customerId) {

  /** The widest window one report may cover. */
  static final Duration MAX_WINDOW = Duration.ofDays(3660);

  /** The window when none is given: the last year. */
  static final Duration DEFAULT_WINDOW = Duration.ofDays(365);

  /** Every shipment there is, for the check against the write model. */
  static Scope everything() {
    return new Scope(Instant.EPOCH, Instant.parse("9999-01-01T00:00:00Z"), null, null, null, null);
  }

  /**
   * The scope of a request.
   *
   * @param now the instant a missing {@code to} stands for
   * @throws InvalidRequestException naming the parameter at fault
   */
  static Scope of(
      @Nullable String from,
      @Nullable String to,
      @Nullable String carrierCode,
      @Nullable String originCountry,
      @Nullable String destinationCountry,
      @Nullable UUID customerId,
      Instant now) {
    // Whole seconds, as the engines hold instants: the check's recomputation compares the same.
    var end = (to == null ? now.plusSeconds(1) : instant(to, "to", true)).truncatedTo(SECONDS);
    var start =
        (from == null ? end.minus(DEFAULT_WINDOW) : instant(from, "from", false))
            .truncatedTo(SECONDS);
    if (!start.isBefore(end)) {
      throw new InvalidRequestException("from", "must be before 'to'");
    }
    if (Duration.between(start, end).compareTo(MAX_WINDOW) > 0) {
      throw new InvalidRequestException(
          "from", "the window from 'from' to 'to' may span at most %d days".formatted(3660));
    }
    return new Scope(
        start,
        end,
        code(carrierCode, "carrierCode", "[A-Z0-9_-]{1,32}", "a carrier code"),
        code(originCountry, "originCountry", "[A-Z]{2}", "an ISO 3166-1 alpha-2 country code"),
        code(
            destinationCountry,
            "destinationCountry",
            "[A-Z]{2}",
            "an ISO 3166-1 alpha-2 country code"),
        customerId);
  }

  /**
   * A date ({@code 2026-12-01}: that whole day, so a {@code to} date is included) or an instant
   * with its offset.
   */
  private static Instant instant(String value, String field, boolean end) {
    try {
      if (value.length() == 10) {
        var day = LocalDate.parse(value);
        return (end ? day.plusDays(1) : day).atStartOfDay(ZoneOffset.UTC).toInstant();
      }
      return OffsetDateTime.parse(value).toInstant();
    } catch (DateTimeParseException e) {
      throw new InvalidRequestException(
          field,
          "'%s' is neither a date (2026-12-01) nor an instant (2026-12-01T10:00:00Z)"
              .formatted(value));
    }
  }

  private static @Nullable String code(
      @Nullable String value, String field, String pattern, String what) {
    if (value == null || value.isBlank()) {
      return null;
    }
    var code = value.strip().toUpperCase(Locale.ROOT);
    if (!code.matches(pattern)) {
      throw new InvalidRequestException(field, "'%s' is not %s".formatted(value, what));
    }
    return code;
  }

  /** The condition on the {@code shipments} table's columns, unqualified. */
  String where() {
    var conditions = new ArrayList<String>();
    conditions.add("created_at >= " + from.getEpochSecond());
    conditions.add("created_at < " + to.getEpochSecond());
    if (carrierCode != null) {
      conditions.add("carrier_code = '" + carrierCode + "'");
    }
    if (originCountry != null) {
      conditions.add("origin_country = '" + originCountry + "'");
    }
    if (destinationCountry != null) {
      conditions.add("destination_country = '" + destinationCountry + "'");
    }
    if (customerId != null) {
      conditions.add("customer_id = '" + customerId + "'");
    }
    return String.join(" AND ", conditions);
  }
}
