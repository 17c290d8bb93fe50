package io.rastro.shipmentview.queries;

import io.rastro.platform.InvalidRequestException;
import io.rastro.shipment.TrackingNumber;
import jakarta.servlet.http.HttpServletResponse;
import java.time.ZoneOffset;
import java.util.Locale;
import java.util.Optional;
import org.jspecify.annotations.Nullable;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestParam;

/**
 * The public tracking page, {@code /track} and {@code /track/{trackingNumber}}: the same data as
 * {@code GET /api/v1/track/{trackingNumber}}, for people. The timeline refreshes itself from {@code
 * /track/{trackingNumber}/timeline}.
 */
@Controller
class TrackingPageController {

  private final ShipmentViews views;
  private final int pollSeconds;

  TrackingPageController(
      ShipmentViews views, @Value("${rastro.pages.track-poll-seconds:5}") int pollSeconds) {
    this.views = views;
    this.pollSeconds = pollSeconds;
  }

  @GetMapping("/")
  String home() {
    return "redirect:/track";
  }

  @GetMapping("/track")
  String form(@RequestParam(required = false) @Nullable String number) {
    if (number == null || number.isBlank()) {
      return "track";
    }
    return "redirect:/track/" + number.strip().toUpperCase(Locale.ROOT).replace(' ', '-');
  }

  @GetMapping("/track/{trackingNumber}")
  String page(@PathVariable String trackingNumber, Model model, HttpServletResponse response) {
    return render(trackingNumber, model, response, "track");
  }

  @GetMapping("/track/{trackingNumber}/timeline")
  String timeline(@PathVariable String trackingNumber, Model model, HttpServletResponse response) {
    return render(trackingNumber, model, response, "track :: result");
  }

  private String render(
      String trackingNumber, Model model, HttpServletResponse response, String view) {
    model.addAttribute("number", trackingNumber);
    model.addAttribute("pollSeconds", pollSeconds);
    model.addAttribute("zone", ZoneOffset.UTC);
    TrackingNumber number;
    try {
      number = TrackingNumber.parse(trackingNumber, "trackingNumber");
    } catch (InvalidRequestException e) {
      response.setStatus(HttpServletResponse.SC_BAD_REQUEST);
      model.addAttribute("error", e.getMessage().contains("mistyped") ? "mistyped" : "malformed");
      return view;
    }
    var tracking = views.detail(number.value(), Optional.empty()).map(PublicTracking::of);
    if (tracking.isEmpty()) {
      response.setStatus(HttpServletResponse.SC_NOT_FOUND);
      model.addAttribute("error", "unknown");
      model.addAttribute("number", number.value());
      return view;
    }
    model.addAttribute("tracking", tracking.get());
    model.addAttribute("steps", TrackingSteps.of(tracking.get()));
    model.addAttribute("troubled", TrackingSteps.troubled(tracking.get().status()));
    return view;
  }
}
