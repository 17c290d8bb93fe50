package io.rastro.shipmentview.refresh;

import io.rastro.shipmentview.projection.ProjectionRebuild;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * The read model for operators, where the write model is in the same database ({@code
 * rastro.role=all}): refresh the materialized view now, rebuild the projection.
 */
@Tag(name = "Administration")
@RestController
class ReadModelAdminController {

  private final ShipmentDetailsRefresher refresher;
  private final ObjectProvider<ProjectionRebuild> rebuild;

  ReadModelAdminController(
      ShipmentDetailsRefresher refresher, ObjectProvider<ProjectionRebuild> rebuild) {
    this.refresher = refresher;
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
    var shipments = refresher.shipments();
    return new ProjectionRebuild.Result(shipments, refresh.asOf(), refresh.durationMs());
  }

  @Operation(operationId = "refreshReadModel", summary = "Refreshes the materialized view now")
  @PostMapping("/api/v1/admin/read-model/refresh")
  Refresh refresh() {
    return refresher.refresh();
  }
}
