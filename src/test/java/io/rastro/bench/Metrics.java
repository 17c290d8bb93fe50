package io.rastro.bench;

import io.rastro.support.Api;

/**
 * The few meters the harness reads from {@code /actuator/prometheus}: the tracking events Rastro
 * wrote (rows inserted into {@code tracking_events}, not duplicates, not events parked for an
 * unknown shipment), what the projector applied and the time it spent applying it.
 *
 * @param writtenEvents {@code rastro_tracking_events_total{outcome="written"}}
 * @param projectionEvents every outbox event the projector applied (shipments created, tracking
 *     events and status changes)
 */
record Metrics(double writtenEvents, double projectionEvents, double projectionApplySeconds) {

  static Metrics read(Api api) {
    return parse(api.get("/actuator/prometheus").raw());
  }

  static Metrics parse(String exposition) {
    return new Metrics(
        sum(exposition, "rastro_tracking_events_total", "outcome=\"written\""),
        sum(exposition, "rastro_projection_events_total", ""),
        sum(exposition, "rastro_projection_apply_seconds_sum", ""));
  }

  /**
   * The sum of the series of a metric whose labels contain {@code label} (all of them if empty).
   */
  static double sum(String exposition, String metric, String label) {
    return exposition
        .lines()
        .filter(line -> line.startsWith(metric + " ") || line.startsWith(metric + "{"))
        .filter(line -> label.isEmpty() || line.substring(0, line.lastIndexOf(' ')).contains(label))
        .mapToDouble(line -> Double.parseDouble(line.substring(line.lastIndexOf(' ') + 1)))
        .sum();
  }
}
