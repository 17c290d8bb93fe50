package io.rastro.feed;

import io.rastro.shipment.TrackingNumber;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import org.springframework.http.MediaType;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.servlet.mvc.method.annotation.SseEmitter;

/** {@code GET /track/{trackingNumber}/stream}: the tracking page's news, as Server-Sent Events. */
@Tag(name = "Public tracking")
@RestController
class TrackingPageChangesController {

  private final TrackingPageChanges changes;

  TrackingPageChangesController(TrackingPageChanges changes) {
    this.changes = changes;
  }

  @Operation(
      operationId = "watchShipment",
      summary = "Server-Sent Events when a shipment changes, for its tracking page")
  @GetMapping(
      value = "/track/{trackingNumber}/stream",
      produces = MediaType.TEXT_EVENT_STREAM_VALUE)
  SseEmitter stream(@PathVariable String trackingNumber) {
    return changes.watch(TrackingNumber.parse(trackingNumber, "trackingNumber").value());
  }
}
