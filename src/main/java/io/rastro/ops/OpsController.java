package io.rastro.ops;

import io.rastro.outbox.EventCatalog;
import io.rastro.platform.Caller;
import io.rastro.search.SearchEngine;
import io.rastro.search.SearchPage;
import io.rastro.search.SearchRequest;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import java.util.Map;
import org.jspecify.annotations.Nullable;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.ResponseBody;

/**
 * The dashboard page, the numbers its charts fetch every few seconds, and its search box's answers;
 * its latest events come from the change feed.
 */
@Tag(name = "Operations dashboard")
@Controller
class OpsController {

  private final Dashboard dashboard;
  private final SearchEngine search;
  private final EventCatalog events;

  OpsController(Dashboard dashboard, SearchEngine search, EventCatalog events) {
    this.dashboard = dashboard;
    this.search = search;
    this.events = events;
  }

  @GetMapping("/ops")
  String page(Model model) {
    model.addAttribute("role", Caller.current().map(c -> c.role().name()).orElse(""));
    model.addAttribute("stepSeconds", Dashboard.STEP.toSeconds());
    // the names of the feed's Server-Sent Events, which the page listens to
    model.addAttribute("eventTypes", String.join(" ", events.cloudEventTypes()));
    return "ops";
  }

  /** The dashboard's search box: shipments by text, the best matches first. */
  @Operation(operationId = "searchFromDashboard", summary = "The dashboard search box's answers")
  @GetMapping("/ops/search")
  @ResponseBody
  SearchPage search(@RequestParam(required = false) @Nullable String q) {
    return search.search(SearchRequest.text(q, 20).query(null));
  }

  /** The analytics page: its charts read {@code /api/v1/analytics} with the session. */
  @GetMapping("/ops/analytics")
  String analytics(Model model) {
    model.addAttribute("role", Caller.current().map(c -> c.role().name()).orElse(""));
    return "ops-analytics";
  }

  @Operation(operationId = "getDashboardData", summary = "The numbers the dashboard's charts show")
  @GetMapping("/ops/data")
  @ResponseBody
  Map<String, Object> data() {
    return Map.of("series", dashboard.series(), "now", dashboard.now());
  }
}
