package io.rastro.shipmentview.refresh;

import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RestController;

/** The read model for operators: refresh the materialized view now, and check the projection. */
@RestController
class ReadModelAdminController {

  private final ShipmentDetailsRefresher refresher;
  private final ReadModelCheck check;

  ReadModelAdminController(ShipmentDetailsRefresher refresher, ReadModelCheck check) {
    this.refresher = refresher;
    this.check = check;
  }

  /** Compares the read model with a fresh recomputation from the write model. */
  @GetMapping("/api/v1/admin/read-model/check")
  ReadModelCheck.Result check() {
    return check.check();
  }

  @PostMapping("/api/v1/admin/read-model/refresh")
  Refresh refresh() {
    return refresher.refresh();
  }
}
