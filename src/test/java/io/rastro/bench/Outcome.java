package io.rastro.bench;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * One scenario's figures on one backend, as reported.
 *
 * @param figures named numbers, in the order they are shown
 * @param perSecond the run second by second, for the charts; empty where it does not apply
 */
record Outcome(
    String scenario, String backend, Map<String, Double> figures, List<Driver.Second> perSecond) {

  static Outcome of(String scenario, String backend) {
    return new Outcome(scenario, backend, new LinkedHashMap<>(), new java.util.ArrayList<>());
  }

  Outcome with(String figure, double value) {
    figures.put(figure, value);
    return this;
  }

  Outcome withLatency(String prefix, Driver.Result result) {
    return with(prefix + " p50 ms", result.percentileMillis(50))
        .with(prefix + " p99 ms", result.percentileMillis(99))
        .with(prefix + " p99.9 ms", result.percentileMillis(99.9));
  }

  Outcome withSeries(Driver.Result result) {
    perSecond.addAll(result.perSecond());
    return this;
  }
}
