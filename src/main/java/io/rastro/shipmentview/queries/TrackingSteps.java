package io.rastro.shipmentview.queries;

import java.util.List;
import java.util.stream.IntStream;

/**
 * The step indicator of the tracking page: the five steps of a normal journey, how far a status has
 * come along them, and whether it is off the normal path (an exception, a return, a cancellation).
 */
final class TrackingSteps {

  static final List<String> STEPS =
      List.of("INFO_RECEIVED", "PICKED_UP", "IN_TRANSIT", "OUT_FOR_DELIVERY", "DELIVERED");

  private TrackingSteps() {}

  /** One step, {@code done}, {@code current} or {@code todo}. */
  record Step(String status, String state) {}

  static List<Step> of(PublicTracking tracking) {
    var reached = reached(tracking);
    return IntStream.range(0, STEPS.size())
        .mapToObj(
            i -> new Step(STEPS.get(i), i < reached ? "done" : i == reached ? "current" : "todo"))
        .toList();
  }

  /** Whether the shipment is off the normal path: the page shows why. */
  static boolean troubled(String status) {
    return switch (status) {
      case "EXCEPTION", "RETURNED_TO_SENDER", "CANCELLED", "DELIVERY_ATTEMPTED" -> true;
      default -> false;
    };
  }

  /**
   * The index of the step reached; -1 before the first. An exception, a return or a cancellation
   * stays at the furthest normal step its events reached.
   */
  private static int reached(PublicTracking tracking) {
    var index = reachedBy(tracking.status());
    return index >= 0
        ? index
        : tracking.events().stream().mapToInt(e -> reachedBy(e.status())).max().orElse(-1);
  }

  private static int reachedBy(String status) {
    return switch (status) {
      case "DELIVERED" -> 4;
      case "OUT_FOR_DELIVERY", "DELIVERY_ATTEMPTED", "AVAILABLE_FOR_PICKUP" -> 3;
      default -> STEPS.indexOf(status);
    };
  }
}
