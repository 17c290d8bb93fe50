package io.rastro.shipmentview.refresh;

import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RestController;

/** Refreshes the read model now: {@code POST /api/v1/admin/read-model/refresh}. */
@RestController
class ReadModelAdminController {

  private final ShipmentDetailsRefresher refresher;

  ReadModelAdminController(ShipmentDetailsRefresher refresher) {
    this.refresher = refresher;
  }

  @PostMapping("/api/v1/admin/read-model/refresh")
  Refresh refresh() {
    return refresher.refresh();
  }
}
