package io.rastro.analytics.queries;

import io.rastro.analytics.AnalyticsEnabled;
import io.rastro.analytics.AnalyticsStore;
import io.rastro.platform.Caller;
import io.rastro.platform.InvalidRequestException;
import io.rastro.platform.ServiceUnavailableException;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import java.io.UncheckedIOException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.function.Supplier;
import org.jspecify.annotations.Nullable;
import org.springframework.http.ContentDisposition;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * The analytics API. Every answer says what it covers: {@code asOf}, the write time of the newest
 * domain event the engine has loaded (its cursor), and {@code includesArchive}. A shipper's key
 * gets its own customer's figures only.
 */
@Tag(name = "Analytics")
@RestController
@AnalyticsEnabled
class AnalyticsController {

  private static final MediaType PARQUET =
      MediaType.parseMediaType("application/vnd.apache.parquet");

  private final AnalyticsStore store;
  private final Reports reports;
  private final JdbcClient jdbc;
  private final Clock clock;

  AnalyticsController(AnalyticsStore store, JdbcClient jdbc, Clock clock) {
    this.store = store;
    this.reports = new Reports(store.dialect());
    this.jdbc = jdbc;
    this.clock = clock;
  }

  @Operation(
      operationId = "getDeliveryPerformance",
      summary = "Delivered shipments, on-time rate and transit times by group")
  @GetMapping("/api/v1/analytics/delivery-performance")
  @ReportAnswers
  ResponseEntity<?> deliveryPerformance(
      @RequestParam(defaultValue = "carrier") String groupBy,
      @RequestParam(required = false) @Nullable String from,
      @RequestParam(required = false) @Nullable String to,
      @RequestParam(required = false) @Nullable String carrierCode,
      @RequestParam(required = false) @Nullable String originCountry,
      @RequestParam(required = false) @Nullable String destinationCountry,
      @RequestParam(defaultValue = "json") String format) {
    var group = option(Reports.PerformanceGroup.values(), groupBy, "groupBy");
    var answer = ReportFormat.of(format);
    var scope = scope(from, to, carrierCode, originCountry, destinationCountry);
    return answer("delivery-performance", answer, reports.deliveryPerformance(group, scope), null);
  }

  @Operation(
      operationId = "getVolume",
      summary = "Shipments, events, deliveries and exceptions per time bucket")
  @GetMapping("/api/v1/analytics/volume")
  @ReportAnswers
  ResponseEntity<?> volume(
      @RequestParam(defaultValue = "day") String interval,
      @RequestParam(required = false) @Nullable String from,
      @RequestParam(required = false) @Nullable String to,
      @RequestParam(required = false) @Nullable String carrierCode,
      @RequestParam(required = false) @Nullable String originCountry,
      @RequestParam(required = false) @Nullable String destinationCountry,
      @RequestParam(defaultValue = "json") String format) {
    var bucket = option(Reports.Interval.values(), interval, "interval");
    var answer = ReportFormat.of(format);
    var scope = scope(from, to, carrierCode, originCountry, destinationCountry);
    return answer("volume", answer, reports.volume(bucket, scope), null);
  }

  @Operation(
      operationId = "getExceptions",
      summary = "Exceptions, returns and failed attempts by group")
  @GetMapping("/api/v1/analytics/exceptions")
  @ReportAnswers
  ResponseEntity<?> exceptions(
      @RequestParam(defaultValue = "reason") String groupBy,
      @RequestParam(required = false) @Nullable String from,
      @RequestParam(required = false) @Nullable String to,
      @RequestParam(required = false) @Nullable String carrierCode,
      @RequestParam(required = false) @Nullable String originCountry,
      @RequestParam(required = false) @Nullable String destinationCountry,
      @RequestParam(defaultValue = "json") String format) {
    var group = option(Reports.ExceptionGroup.values(), groupBy, "groupBy");
    var answer = ReportFormat.of(format);
    var scope = scope(from, to, carrierCode, originCountry, destinationCountry);
    var total = engine(() -> store.query(reports.shipments(scope)));
    var shipments =
        total.rows().isEmpty() || !(total.rows().getFirst().getFirst() instanceof Long count)
            ? 0L
            : count;
    return answer("exceptions", answer, reports.exceptions(group, scope, shipments), shipments);
  }

  @Operation(operationId = "getDwell", summary = "How long parcels stay at each place")
  @GetMapping("/api/v1/analytics/dwell")
  @ReportAnswers
  ResponseEntity<?> dwell(
      @RequestParam(defaultValue = "city") String groupBy,
      @RequestParam(required = false) @Nullable String from,
      @RequestParam(required = false) @Nullable String to,
      @RequestParam(required = false) @Nullable String carrierCode,
      @RequestParam(required = false) @Nullable String originCountry,
      @RequestParam(required = false) @Nullable String destinationCountry,
      @RequestParam(defaultValue = "json") String format) {
    if (!groupBy.equalsIgnoreCase("city")) {
      throw new InvalidRequestException(
          "groupBy", "unknown value '%s'; expected city".formatted(groupBy));
    }
    var answer = ReportFormat.of(format);
    var scope = scope(from, to, carrierCode, originCountry, destinationCountry);
    return answer("dwell", answer, reports.dwell(scope), null);
  }

  private Scope scope(
      @Nullable String from,
      @Nullable String to,
      @Nullable String carrierCode,
      @Nullable String originCountry,
      @Nullable String destinationCountry) {
    return Scope.of(
        from,
        to,
        carrierCode,
        originCountry,
        destinationCountry,
        Caller.customerScope().orElse(null),
        clock.instant());
  }

  private ResponseEntity<?> answer(
      String report, ReportFormat format, String sql, @Nullable Long shipments) {
    var asOf = asOf();
    var file = ContentDisposition.attachment().filename(report + "." + format.lowerCase()).build();
    return switch (format) {
      case JSON -> {
        var body = new LinkedHashMap<String, @Nullable Object>();
        body.put("rows", ReportFormat.objects(engine(() -> store.query(sql))));
        if (shipments != null) {
          body.put("shipments", shipments);
        }
        body.put("asOf", asOf);
        // The engine keeps what the events brought it: a shipment archived since is still counted.
        body.put("includesArchive", true);
        yield ResponseEntity.ok().contentType(MediaType.APPLICATION_JSON).body(body);
      }
      case CSV ->
          ResponseEntity.ok()
              .contentType(new MediaType("text", "csv", java.nio.charset.StandardCharsets.UTF_8))
              .header("Content-Disposition", file.toString())
              .header("X-Rastro-As-Of", String.valueOf(asOf))
              .body(ReportFormat.csv(engine(() -> store.query(sql))));
      case PARQUET -> {
        byte[] parquet;
        try {
          parquet = engine(() -> store.parquet(sql));
        } catch (UnsupportedOperationException e) {
          throw new InvalidRequestException("format", String.valueOf(e.getMessage()));
        }
        yield ResponseEntity.ok()
            .contentType(PARQUET)
            .header("Content-Disposition", file.toString())
            .header("X-Rastro-As-Of", String.valueOf(asOf))
            .body(parquet);
      }
    };
  }

  /** The write time of the newest event the engine has loaded: its cursor's. */
  private @Nullable Instant asOf() {
    return jdbc.sql("select written_at from outbox_cursors where name = ?")
        .param(store.cursorName())
        .query((rs, n) -> rs.getTimestamp(1))
        .optional()
        .map(java.sql.Timestamp::toInstant)
        .orElse(null);
  }

  /** The engine's answer; an engine out of reach is a {@code 503}, as the database is. */
  private static <T> T engine(Supplier<T> query) {
    try {
      return query.get();
    } catch (UncheckedIOException e) {
      throw new ServiceUnavailableException(
          "The analytics engine is out of reach; try again", Duration.ofSeconds(5), e);
    }
  }

  /** An enum constant by its camel-case name ({@code destinationCountry}). */
  static <E extends Enum<E>> E option(E[] options, String value, String field) {
    var wanted = value.replace("_", "").toLowerCase(Locale.ROOT);
    for (var option : options) {
      if (option.name().replace("_", "").toLowerCase(Locale.ROOT).equals(wanted)) {
        return option;
      }
    }
    var names = new StringBuilder();
    for (var option : options) {
      var camel = camel(option.name());
      names.append(names.isEmpty() ? "" : ", ").append(camel);
    }
    throw new InvalidRequestException(
        field, "unknown value '%s'; expected one of %s".formatted(value, names));
  }

  private static String camel(String constant) {
    var camel = new StringBuilder();
    var upper = false;
    for (var c : constant.toLowerCase(Locale.ROOT).toCharArray()) {
      if (c == '_') {
        upper = true;
      } else {
        camel.append(upper ? Character.toUpperCase(c) : c);
        upper = false;
      }
    }
    return camel.toString();
  }
}
