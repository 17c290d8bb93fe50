package io.rastro.ops;

import io.rastro.platform.Caller;
import java.util.Map;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.ResponseBody;

/** The dashboard page, and the numbers its charts fetch every few seconds. */
@Controller
class OpsController {

  private final Dashboard dashboard;

  OpsController(Dashboard dashboard) {
    this.dashboard = dashboard;
  }

  @GetMapping("/ops")
  String page(Model model) {
    model.addAttribute("role", Caller.current().map(c -> c.role().name()).orElse(""));
    model.addAttribute("stepSeconds", Dashboard.STEP.toSeconds());
    return "ops";
  }

  /** The analytics page: its charts read {@code /api/v1/analytics} with the session. */
  @GetMapping("/ops/analytics")
  String analytics(Model model) {
    model.addAttribute("role", Caller.current().map(c -> c.role().name()).orElse(""));
    return "ops-analytics";
  }

  @GetMapping("/ops/data")
  @ResponseBody
  Map<String, Object> data() {
    return Map.of("series", dashboard.series(), "now", dashboard.now());
  }
}
