package io.rastro.shipmentview.queries;

import io.rastro.outbox.ConsistencyToken;
import io.rastro.platform.Caller;
import io.rastro.platform.InvalidRequestException;
import io.rastro.platform.NotFoundException;
import io.rastro.platform.ServiceUnavailableException;
import io.rastro.shipment.TrackingNumber;
import io.rastro.shipmentview.QueryProperties;
import io.rastro.shipmentview.ReadDataSourceConfiguration;
import io.rastro.shipmentview.ReadModelProperties;
import io.rastro.shipmentview.ReadRouting;
import io.rastro.tracking.TrackingStatus;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.tags.Tag;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.Locale;
import java.util.UUID;
import java.util.concurrent.locks.LockSupport;
import org.jspecify.annotations.Nullable;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.format.annotation.DateTimeFormat;
import org.springframework.http.HttpStatus;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;

/** The shipment queries: one by tracking number, or a filtered page. */
@Tag(name = "Shipments")
@RestController
class ShipmentQueryController {

  static final int MAX_LIMIT = 500;

  static final String MIN_POSITION = "X-Rastro-Min-Position";

  private final ShipmentViews views;
  private final ReadModelProperties properties;
  private final QueryProperties query;
  private final ReadRouting routing;

  ShipmentQueryController(
      ShipmentViews views,
      ReadModelProperties properties,
      QueryProperties query,
      @Qualifier(ReadDataSourceConfiguration.READS) ReadRouting routing) {
    this.views = views;
    this.properties = properties;
    this.query = query;
    this.routing = routing;
  }

  @Operation(operationId = "getShipment", summary = "One shipment with its whole history")
  @GetMapping("/api/v1/shipments/{trackingNumber}")
  @ResponseStatus(HttpStatus.OK)
  @ApiResponse(
      responseCode = "409",
      description =
          "Archived in a storage class that must be restored before it is read; Retry-After says"
              + " when to ask again")
  ShipmentView shipment(
      @PathVariable String trackingNumber,
      @RequestHeader(name = MIN_POSITION, required = false) @Nullable String minPosition) {
    var number = TrackingNumber.parse(trackingNumber, "trackingNumber");
    awaitReflected(minPosition);
    return views
        .detail(number.value(), Caller.customerScope())
        // A shipper's key sees its own customer's shipments only; another's does not exist for it.
        .filter(view -> Caller.customerScope().map(view.customer().id()::equals).orElse(true))
        .orElseThrow(
            () ->
                new NotFoundException(
                    ("No shipment %s in the read model as of %s; one accepted since then shows"
                            + " once written and applied")
                        .formatted(number, views.freshness().asOf())));
  }

  /**
   * Read-your-writes: waits, at most {@code rastro.read-model.max-wait}, until the read model
   * reflects the write the token names. On a replica that has not replayed it within {@code
   * rastro.query.replica-wait}, the request reads from the read database itself instead.
   *
   * @throws ServiceUnavailableException when it does not in time
   */
  private void awaitReflected(@Nullable String minPosition) {
    if (minPosition == null || minPosition.isBlank()) {
      return;
    }
    var token = ConsistencyToken.decode(minPosition.strip());
    var start = System.nanoTime();
    var deadline = start + properties.maxWait().toNanos();
    var replicaDeadline = start + query.replicaWait().toNanos();
    while (!views.reflects(token)) {
      if (System.nanoTime() > replicaDeadline && routing.onReplica()) {
        routing.usePrimary();
        continue;
      }
      if (System.nanoTime() > deadline) {
        throw new ServiceUnavailableException(
            "The read model does not reflect that write yet (as of %s); try again"
                .formatted(views.freshness().asOf()),
            Duration.ofSeconds(1),
            null);
      }
      LockSupport.parkNanos(POLL.toNanos());
    }
  }

  private static final Duration POLL = Duration.ofMillis(5);

  @Operation(
      operationId = "listShipments",
      summary = "A page of shipments, newest first, by filters")
  @GetMapping("/api/v1/shipments")
  ShipmentPage shipments(
      @RequestParam(required = false) @Nullable UUID customerId,
      @RequestParam(required = false)
          @Parameter(
              description = "PENDING or a tracking status, in any case",
              schema = @Schema(ref = TrackingStatus.SHIPMENT_STATUS_SCHEMA))
          @Nullable String status,
      @RequestParam(required = false) @Nullable String carrierCode,
      @RequestParam(required = false) @DateTimeFormat(iso = DateTimeFormat.ISO.DATE_TIME)
          @Nullable OffsetDateTime createdFrom,
      @RequestParam(required = false) @DateTimeFormat(iso = DateTimeFormat.ISO.DATE_TIME)
          @Nullable OffsetDateTime createdTo,
      @RequestParam(defaultValue = "50") int limit,
      @RequestParam(required = false) @Nullable String cursor,
      @RequestHeader(name = MIN_POSITION, required = false) @Nullable String minPosition) {
    awaitReflected(minPosition);
    if (limit < 1 || limit > MAX_LIMIT) {
      throw new InvalidRequestException("limit", "must be between 1 and " + MAX_LIMIT);
    }
    var scope = Caller.customerScope();
    if (scope.isPresent() && customerId != null && !scope.get().equals(customerId)) {
      var freshness = views.freshness();
      return new ShipmentPage(List.of(), null, freshness.asOf(), freshness.lag().toMillis());
    }
    return views.list(
        new ShipmentFilter(
            scope.orElse(customerId),
            status == null ? null : TrackingStatus.filter(status),
            carrierCode == null ? null : carrierCode.toUpperCase(Locale.ROOT),
            createdFrom == null ? null : createdFrom.toInstant(),
            createdTo == null ? null : createdTo.toInstant(),
            cursor == null ? null : Cursor.decode(cursor),
            limit));
  }
}
