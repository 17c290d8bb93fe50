package io.rastro.analytics.queries;

import io.rastro.analytics.AnalyticsEnabled;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;

/** The analytics engine for operators: a check of its figures against the write model. */
@RestController
@AnalyticsEnabled
class AnalyticsAdminController {

  private final AnalyticsCheck check;

  AnalyticsAdminController(AnalyticsCheck check) {
    this.check = check;
  }

  /** Compares the engine's per-carrier delivery figures with a recomputation from PostgreSQL. */
  @GetMapping("/api/v1/admin/analytics/check")
  AnalyticsCheck.Result check() {
    return check.check();
  }
}
