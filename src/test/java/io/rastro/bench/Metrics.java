package io.rastro.bench;

import io.rastro.support.Api;

/**
 * The few meters the growth scenario reads from {@code /actuator/prometheus}: what the projector
 * applied and the time it spent applying it.
 */
record Metrics(double projectionEvents, double projectionApplySeconds) {

  static Metrics read(Api api) {
    var text = api.get("/actuator/prometheus").raw();
    return new Metrics(
        sum(text, "rastro_projection_events_total"),
        sum(text, "rastro_projection_apply_seconds_sum"));
  }

  /** The sum of every series of a metric (all its label sets). */
  static double sum(String exposition, String metric) {
    return exposition
        .lines()
        .filter(line -> line.startsWith(metric + " ") || line.startsWith(metric + "{"))
        .mapToDouble(line -> Double.parseDouble(line.substring(line.lastIndexOf(' ') + 1)))
        .sum();
  }
}
