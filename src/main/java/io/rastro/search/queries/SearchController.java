package io.rastro.search.queries;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import io.rastro.platform.Caller;
import io.rastro.platform.PipelineStep;
import io.rastro.search.SearchEngine;
import io.rastro.search.SearchHit;
import io.rastro.search.SearchProperties;
import io.rastro.search.SearchRequest;
import io.rastro.shipmentview.ReadDataSourceConfiguration;
import io.rastro.tracking.TrackingStatus;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.tags.Tag;
import java.sql.Timestamp;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.UUID;
import javax.sql.DataSource;
import org.jspecify.annotations.Nullable;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.format.annotation.DateTimeFormat;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/** {@code GET /api/v1/shipments/search}: shipments by text, by place and by filters. */
@Tag(name = "Shipments")
@RestController
class SearchController {

  private final SearchEngine engine;
  private final JdbcClient reads;
  private final Timer searching;

  SearchController(
      SearchEngine engine,
      @Qualifier(ReadDataSourceConfiguration.READS) DataSource reads,
      MeterRegistry meters) {
    this.engine = engine;
    this.reads = JdbcClient.create(reads);
    // The engine's part of a search, apart from the request's own handling around it.
    this.searching = PipelineStep.timer(meters, "search.query");
  }

  /**
   * What a search answers.
   *
   * @param total how many shipments match in all
   * @param facets how many of those per {@code status} and per {@code carrier}
   * @param nextCursor where the next page starts, when there is one
   * @param asOf the commit time of the newest event the search has applied
   */
  record SearchResults(
      List<SearchHit> items,
      long total,
      Map<String, Map<String, Long>> facets,
      @Nullable String nextCursor,
      @Nullable Instant asOf) {}

  @Operation(operationId = "searchShipments", summary = "Shipments by text, place and filters")
  @GetMapping("/api/v1/shipments/search")
  SearchResults search(
      @RequestParam(required = false) @Nullable String q,
      @RequestParam(required = false) @Nullable String near,
      @RequestParam(required = false) @Nullable Double radiusKm,
      @RequestParam(required = false) @Nullable String destinationNear,
      @RequestParam(required = false) @Nullable Double destinationRadiusKm,
      @RequestParam(required = false)
          @Parameter(
              description = "PENDING or a tracking status, in any case",
              schema = @Schema(ref = TrackingStatus.SHIPMENT_STATUS_SCHEMA))
          @Nullable String status,
      @RequestParam(required = false) @Nullable String carrierCode,
      @RequestParam(required = false) @Nullable UUID customerId,
      @RequestParam(required = false) @DateTimeFormat(iso = DateTimeFormat.ISO.DATE_TIME)
          @Nullable OffsetDateTime createdFrom,
      @RequestParam(required = false) @DateTimeFormat(iso = DateTimeFormat.ISO.DATE_TIME)
          @Nullable OffsetDateTime createdTo,
      @RequestParam(required = false) @Nullable String sort,
      @RequestParam(defaultValue = "20") int limit,
      @RequestParam(required = false) @Nullable String cursor) {
    var request =
        new SearchRequest(
            q,
            near,
            radiusKm,
            destinationNear,
            destinationRadiusKm,
            status,
            carrierCode,
            customerId,
            createdFrom,
            createdTo,
            sort,
            limit,
            cursor);
    var scope = Caller.customerScope();
    // A shipper's key searches its own customer's shipments; asking for another's finds nothing.
    if (scope.isPresent() && customerId != null && !scope.get().equals(customerId)) {
      request.query(scope.get()); // still validated
      return new SearchResults(
          List.of(), 0, Map.of("status", Map.of(), "carrier", Map.of()), null, asOf());
    }
    var asOf = asOf();
    var query = request.query(scope.orElse(null));
    var page = Objects.requireNonNull(searching.record(() -> engine.search(query)));
    return new SearchResults(
        page.hits(),
        page.total(),
        Map.of("status", page.byStatus(), "carrier", page.byCarrier()),
        page.next() == null ? null : page.next().encode(),
        asOf);
  }

  /** Read before searching, so that the answer holds at least what it says. */
  private @Nullable Instant asOf() {
    return reads
        .sql("select written_at from outbox_cursors where name = ? and written_at is not null")
        .param(SearchProperties.CURSOR)
        .query(Timestamp.class)
        .optional()
        .map(Timestamp::toInstant)
        .orElse(null);
  }
}
