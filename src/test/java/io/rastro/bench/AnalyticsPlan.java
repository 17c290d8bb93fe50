package io.rastro.bench;

import java.time.Duration;
import java.util.Arrays;
import java.util.List;

/**
 * What {@code bench/run analytics} measures: the sizes in tracking events (each loaded on top of
 * the one before), how often each report is asked through the API and of the engine, how often of
 * PostgreSQL, and how many lag probes are sent per engine and size.
 *
 * @param clickHouseBatchInterval Rastro's {@code rastro.analytics.clickhouse.batch-interval} in the
 *     run (its default unless told)
 */
record AnalyticsPlan(
    String name,
    List<Long> sizes,
    int repetitions,
    int baselineRepetitions,
    int probes,
    Duration clickHouseBatchInterval) {

  /**
   * {@code quick}: one million events, each report 30 times (p50 and p90) and 10 times of
   * PostgreSQL; {@code full}: one and ten million, 299 times (p99) and 29 of PostgreSQL (p90).
   * Options after it: {@code sizes=1000000,10000000}, {@code reps=}, {@code pgreps=}, {@code
   * probes=}, {@code clickhouse-batch-interval=PT1S}.
   */
  static AnalyticsPlan of(List<String> args) {
    var full = args.contains("full");
    var plan =
        new AnalyticsPlan(
            full ? "full" : "quick",
            full ? List.of(1_000_000L, 10_000_000L) : List.of(1_000_000L),
            full ? 299 : 30,
            full ? 29 : 10,
            full ? 100 : 30,
            Duration.ofSeconds(1));
    for (var arg : args) {
      var eq = arg.indexOf('=');
      if (eq < 0) {
        continue;
      }
      var value = arg.substring(eq + 1);
      plan =
          switch (arg.substring(0, eq)) {
            case "sizes" ->
                new AnalyticsPlan(
                    plan.name,
                    Arrays.stream(value.split(",")).map(Long::parseLong).sorted().toList(),
                    plan.repetitions,
                    plan.baselineRepetitions,
                    plan.probes,
                    plan.clickHouseBatchInterval);
            case "reps" ->
                new AnalyticsPlan(
                    plan.name,
                    plan.sizes,
                    Integer.parseInt(value),
                    plan.baselineRepetitions,
                    plan.probes,
                    plan.clickHouseBatchInterval);
            case "pgreps" ->
                new AnalyticsPlan(
                    plan.name,
                    plan.sizes,
                    plan.repetitions,
                    Integer.parseInt(value),
                    plan.probes,
                    plan.clickHouseBatchInterval);
            case "probes" ->
                new AnalyticsPlan(
                    plan.name,
                    plan.sizes,
                    plan.repetitions,
                    plan.baselineRepetitions,
                    Integer.parseInt(value),
                    plan.clickHouseBatchInterval);
            case "clickhouse-batch-interval" ->
                new AnalyticsPlan(
                    plan.name,
                    plan.sizes,
                    plan.repetitions,
                    plan.baselineRepetitions,
                    plan.probes,
                    Duration.parse(value));
            default -> throw new IllegalArgumentException("Unknown option " + arg);
          };
    }
    return plan;
  }
}
