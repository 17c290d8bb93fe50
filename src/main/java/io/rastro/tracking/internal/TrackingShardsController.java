package io.rastro.tracking.internal;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.tags.Tag;
import org.jspecify.annotations.Nullable;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;

/** The shards of tracking events for operators: where each month lives, and moving one. */
@Tag(name = "Administration")
@RestController
class TrackingShardsController {

  private final ShardedMonths months;

  TrackingShardsController(ShardedMonths months) {
    this.months = months;
  }

  @Operation(
      operationId = "getTrackingShards",
      summary = "The shards of tracking events, their months and row counts, and the local months")
  @GetMapping("/api/v1/admin/tracking-shards")
  ShardedMonths.Placement placement() {
    return months.placement();
  }

  /**
   * A month to move.
   *
   * @param month {@code 2025-07}
   * @param shard the name of a shard whose range holds that month
   */
  @Schema(
      name = "TrackingMonthMoveRequest",
      example = "{\"month\": \"2025-07\", \"shard\": \"h2\"}")
  record Move(@Nullable String month, @Nullable String shard) {}

  @Operation(
      operationId = "moveTrackingMonth",
      summary =
          "Moves a month of tracking events to its shard, online: copy, count on both sides,"
              + " swap, drop the local copy")
  @ApiResponse(responseCode = "200", description = "The month is on its shard now")
  @ApiResponse(
      responseCode = "409",
      description =
          "The month is outside the shard's range, is on that shard already, or another move is"
              + " under way")
  @PostMapping("/api/v1/admin/tracking-shards/move")
  ShardedMonths.Moved move(@RequestBody Move move) {
    return months.move(move.month(), move.shard());
  }
}
