package io.rastro.analytics.queries;

import io.rastro.analytics.AnalyticsEnabled;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import java.time.Clock;
import org.jspecify.annotations.Nullable;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/** The analytics engine for operators: a check of its figures against the write model. */
@Tag(name = "Administration")
@RestController
@AnalyticsEnabled
class AnalyticsAdminController {

  private final AnalyticsCheck check;
  private final Clock clock;

  AnalyticsAdminController(AnalyticsCheck check, Clock clock) {
    this.check = check;
    this.clock = clock;
  }

  /**
   * Compares the engine's per-carrier delivery figures with a recomputation from PostgreSQL, over
   * the shipments created from {@code from} to {@code to} (as the reports take them), or over all.
   */
  @Operation(
      operationId = "checkAnalytics",
      summary = "Compares the analytics engine with the write model")
  @GetMapping("/api/v1/admin/analytics/check")
  AnalyticsCheck.Result check(
      @RequestParam(required = false) @Nullable String from,
      @RequestParam(required = false) @Nullable String to) {
    var scope =
        from == null && to == null
            ? Scope.everything()
            : Scope.of(from, to, null, null, null, null, clock.instant());
    return check.check(scope);
  }
}
