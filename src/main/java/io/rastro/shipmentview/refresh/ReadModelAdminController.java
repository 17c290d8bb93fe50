package io.rastro.shipmentview.refresh;

import io.rastro.shipmentview.projection.ProjectionRebuild;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * The read model for operators: refresh the materialized view now, rebuild the projection, and
 * check the projection against the write model.
 */
@Tag(name = "Administration")
@RestController
class ReadModelAdminController {

  private final ShipmentDetailsRefresher refresher;
  private final ReadModelCheck check;
  private final ObjectProvider<ProjectionRebuild> rebuild;

  ReadModelAdminController(
      ShipmentDetailsRefresher refresher,
      ReadModelCheck check,
      ObjectProvider<ProjectionRebuild> rebuild) {
    this.refresher = refresher;
    this.check = check;
    this.rebuild = rebuild;
  }

  /**
   * Rebuilds the read model from the write model while queries go on: the projection is built aside
   * and swapped in; in {@code materialized-view} mode this is a refresh.
   */
  @Operation(
      operationId = "rebuildReadModel",
      summary = "Rebuilds the projection from the write model")
  @PostMapping("/api/v1/admin/read-model/rebuild")
  ProjectionRebuild.Result rebuild() {
    var projection = rebuild.getIfAvailable();
    if (projection != null) {
      return projection.rebuild();
    }
    var refresh = refresher.refresh();
    var shipments = check.recomputedShipments();
    return new ProjectionRebuild.Result(shipments, refresh.asOf(), refresh.durationMs());
  }

  /** Compares the read model with a fresh recomputation from the write model. */
  @Operation(
      operationId = "checkReadModel",
      summary = "Compares every shipment of the read model with the write model")
  @GetMapping("/api/v1/admin/read-model/check")
  ReadModelCheck.Result check() {
    return check.check();
  }

  @Operation(operationId = "refreshReadModel", summary = "Refreshes the materialized view now")
  @PostMapping("/api/v1/admin/read-model/refresh")
  Refresh refresh() {
    return refresher.refresh();
  }
}
