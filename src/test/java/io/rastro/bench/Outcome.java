package io.rastro.bench;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * One scenario's figures on one backend, as reported.
 *
 * @param figures named numbers, in the order they are shown
 * @param spreads for a figure measured in repetitions, the lowest and highest repetition
 * @param notes what the report shows instead of a figure that is not a number, such as {@code n/a
 *     (n=12)} for a percentile from too few samples
 * @param perSecond the run second by second, for the charts; empty where it does not apply
 */
record Outcome(
    String scenario,
    String backend,
    Map<String, Double> figures,
    Map<String, Spread> spreads,
    Map<String, String> notes,
    List<Driver.Second> perSecond) {

  /**
   * The lowest and highest of a figure's repetitions.
   *
   * @param repetitions how many there were
   */
  record Spread(double min, double max, int repetitions) {

    /** Half the range, relative to {@code value}: the ± the report shows. */
    double relativeTo(double value) {
      return (max - min) / 2 / Math.abs(value);
    }

    /**
     * The spread of these repetitions; none (null) from fewer than two, or when one is not a
     * number.
     */
    static @org.jspecify.annotations.Nullable Spread of(List<Double> repetitions) {
      if (repetitions.size() < 2 || repetitions.stream().anyMatch(v -> !Double.isFinite(v))) {
        return null;
      }
      var min = repetitions.stream().mapToDouble(Double::doubleValue).min().orElseThrow();
      var max = repetitions.stream().mapToDouble(Double::doubleValue).max().orElseThrow();
      return new Spread(min, max, repetitions.size());
    }
  }

  static Outcome of(String scenario, String backend) {
    return new Outcome(
        scenario,
        backend,
        new LinkedHashMap<>(),
        new LinkedHashMap<>(),
        new LinkedHashMap<>(),
        new java.util.ArrayList<>());
  }

  Outcome with(String figure, double value) {
    figures.put(figure, value);
    return this;
  }

  /** A figure and the spread of the repetitions it was measured in. */
  Outcome with(String figure, double value, List<Double> repetitions) {
    figures.put(figure, value);
    var spread = Spread.of(repetitions);
    if (spread != null) {
      spreads.put(figure, spread);
    }
    return this;
  }

  /** A figure shown as {@code note} (its value is not a number). */
  Outcome withNote(String figure, String note) {
    figures.put(figure, Double.NaN);
    notes.put(figure, note);
    return this;
  }

  /**
   * p50, p99 and p99.9 of a run, and their spread over its repetitions; a percentile from too few
   * samples is shown as {@code n/a (n=…)}.
   */
  Outcome withLatency(String prefix, Driver.Result result, List<Driver.Result> repetitions) {
    for (var percentile : List.of(50.0, 99.0, 99.9)) {
      var figure =
          prefix + " p" + (percentile == 50.0 ? "50" : percentile == 99.0 ? "99" : "99.9") + " ms";
      var value = result.percentileMillis(percentile);
      if (Double.isNaN(value)) {
        withNote(figure, Percentiles.notAvailable(result.latency().getTotalCount()));
      } else {
        with(figure, value, repetitions.stream().map(r -> r.percentileMillis(percentile)).toList());
      }
    }
    return this;
  }

  Outcome withLatency(String prefix, Driver.Result result) {
    return withLatency(prefix, result, List.of());
  }

  Outcome withSeries(Driver.Result result) {
    perSecond.addAll(result.perSecond());
    return this;
  }
}
