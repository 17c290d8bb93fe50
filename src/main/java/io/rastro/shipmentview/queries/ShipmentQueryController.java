package io.rastro.shipmentview.queries;

import io.rastro.platform.InvalidRequestException;
import io.rastro.platform.NotFoundException;
import io.rastro.shipment.TrackingNumber;
import io.rastro.tracking.TrackingStatus;
import java.time.OffsetDateTime;
import java.util.Arrays;
import java.util.Locale;
import java.util.UUID;
import org.jspecify.annotations.Nullable;
import org.springframework.format.annotation.DateTimeFormat;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/** The shipment queries: one by tracking number, or a filtered page. */
@RestController
class ShipmentQueryController {

  static final int MAX_LIMIT = 500;

  private final ShipmentViews views;

  ShipmentQueryController(ShipmentViews views) {
    this.views = views;
  }

  @GetMapping("/api/v1/shipments/{trackingNumber}")
  ShipmentView shipment(@PathVariable String trackingNumber) {
    var number = TrackingNumber.parse(trackingNumber, "trackingNumber");
    return views
        .detail(number.value())
        .orElseThrow(
            () ->
                new NotFoundException(
                    ("No shipment %s in the read model as of %s; a shipment created since then"
                            + " shows after the next refresh")
                        .formatted(number, views.asOf())));
  }

  @GetMapping("/api/v1/shipments")
  ShipmentPage shipments(
      @RequestParam(required = false) @Nullable UUID customerId,
      @RequestParam(required = false) @Nullable String status,
      @RequestParam(required = false) @Nullable String carrierCode,
      @RequestParam(required = false) @DateTimeFormat(iso = DateTimeFormat.ISO.DATE_TIME)
          @Nullable OffsetDateTime createdFrom,
      @RequestParam(required = false) @DateTimeFormat(iso = DateTimeFormat.ISO.DATE_TIME)
          @Nullable OffsetDateTime createdTo,
      @RequestParam(defaultValue = "50") int limit,
      @RequestParam(required = false) @Nullable String cursor) {
    if (limit < 1 || limit > MAX_LIMIT) {
      throw new InvalidRequestException("limit", "must be between 1 and " + MAX_LIMIT);
    }
    return views.list(
        new ShipmentFilter(
            customerId,
            status == null ? null : status(status),
            carrierCode == null ? null : carrierCode.toUpperCase(Locale.ROOT),
            createdFrom == null ? null : createdFrom.toInstant(),
            createdTo == null ? null : createdTo.toInstant(),
            cursor == null ? null : Cursor.decode(cursor),
            limit));
  }

  private static String status(String status) {
    var value = status.toUpperCase(Locale.ROOT);
    if (value.equals("PENDING")
        || Arrays.stream(TrackingStatus.values()).anyMatch(s -> s.name().equals(value))) {
      return value;
    }
    throw new InvalidRequestException(
        "status",
        "unknown value '%s'; expected PENDING or one of %s"
            .formatted(status, Arrays.toString(TrackingStatus.values())));
  }
}
