package io.rastro.shipmentview.queries;

import io.rastro.platform.NotFoundException;
import io.rastro.shipment.TrackingNumber;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.tags.Tag;
import java.util.Optional;
import org.springframework.http.HttpStatus;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;

/**
 * Public tracking, without a key: {@code GET /api/v1/track/{trackingNumber}}. A mistyped number
 * (its check character does not match) is a {@code 400} that says so; a well-formed number that
 * names no shipment is a {@code 404}.
 */
@Tag(name = "Public tracking")
@RestController
class PublicTrackingController {

  private final ShipmentViews views;

  PublicTrackingController(ShipmentViews views) {
    this.views = views;
  }

  @Operation(
      operationId = "trackShipment",
      summary = "What anyone with the tracking number may see")
  @GetMapping("/api/v1/track/{trackingNumber}")
  @ResponseStatus(HttpStatus.OK)
  @ApiResponse(
      responseCode = "409",
      description =
          "Archived in a storage class that must be restored before it is read; Retry-After says"
              + " when to ask again")
  PublicTracking track(@PathVariable String trackingNumber) {
    var number = TrackingNumber.parse(trackingNumber, "trackingNumber");
    return views
        .detail(number.value(), Optional.empty())
        .map(PublicTracking::of)
        .orElseThrow(() -> new NotFoundException("No shipment " + number + " is known yet"));
  }
}
