package io.rastro.tracking.web;

import io.rastro.platform.InvalidRequestException;
import io.rastro.tracking.internal.UnmatchedEvents;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import java.util.List;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * Lists the tracking events waiting for their shipment: {@code GET /api/v1/admin/unmatched-events}.
 */
@Tag(name = "Administration")
@RestController
class UnmatchedEventsController {

  private final UnmatchedEvents unmatched;

  UnmatchedEventsController(UnmatchedEvents unmatched) {
    this.unmatched = unmatched;
  }

  @Operation(
      operationId = "listUnmatchedEvents",
      summary = "Tracking events for tracking numbers Rastro does not know")
  @GetMapping("/api/v1/admin/unmatched-events")
  List<UnmatchedEvents.Unmatched> unmatched(@RequestParam(defaultValue = "100") int limit) {
    if (limit < 1 || limit > 1000) {
      throw new InvalidRequestException("limit", "must be between 1 and 1000");
    }
    return unmatched.list(limit);
  }
}
