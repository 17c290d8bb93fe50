package io.rastro.analytics.queries;

import io.rastro.analytics.AnalyticsStore;
import io.rastro.analytics.Table;
import java.time.Instant;
import java.util.List;

/**
 * The reports as the API asks the engine for them, from the application's own SQL ({@link
 * Reports}), for the benchmark to time the engine without Rastro in between.
 */
public final class ReportQueries {

  /**
   * One report of the API: its path under {@code /api/v1/analytics/} and the one parameter that
   * picks its grouping ({@code groupBy} or {@code interval}).
   */
  public record Report(String path, String parameter, String value) {

    /** How the API is asked for it, with this window. */
    public String uri(String from, String to) {
      return "/api/v1/analytics/%s?%s=%s&from=%s&to=%s".formatted(path, parameter, value, from, to);
    }

    /** Its name in a report: {@code delivery-performance by carrier}. */
    public String title() {
      return path + (parameter.equals("interval") ? " per " : " by ") + value;
    }
  }

  /** Every report and grouping the API offers, volume by the day (the question). */
  public static final List<Report> ALL =
      List.of(
          new Report("delivery-performance", "groupBy", "carrier"),
          new Report("delivery-performance", "groupBy", "lane"),
          new Report("delivery-performance", "groupBy", "destinationCountry"),
          new Report("delivery-performance", "groupBy", "week"),
          new Report("volume", "interval", "day"),
          new Report("exceptions", "groupBy", "reason"),
          new Report("exceptions", "groupBy", "carrier"),
          new Report("exceptions", "groupBy", "city"),
          new Report("dwell", "groupBy", "city"));

  private ReportQueries() {}

  /**
   * Runs the report on the engine as the API does, over the shipments created from {@code from} to
   * {@code to} (dates, as the API takes them): the exceptions report asks for its denominator
   * first.
   */
  public static Table run(AnalyticsStore store, Report report, String from, String to) {
    var scope = Scope.of(from, to, null, null, null, null, Instant.now());
    var reports = new Reports(store.dialect());
    var value = report.value();
    return switch (report.path()) {
      case "delivery-performance" ->
          store.query(
              reports.deliveryPerformance(
                  AnalyticsController.option(
                      Reports.PerformanceGroup.values(), value, report.parameter()),
                  scope));
      case "volume" ->
          store.query(
              reports.volume(
                  AnalyticsController.option(Reports.Interval.values(), value, "interval"), scope));
      case "exceptions" -> {
        var total = store.query(reports.shipments(scope));
        var shipments = ((Number) total.rows().getFirst().getFirst()).longValue();
        yield store.query(
            reports.exceptions(
                AnalyticsController.option(Reports.ExceptionGroup.values(), value, "groupBy"),
                scope,
                shipments));
      }
      case "dwell" -> store.query(reports.dwell(scope));
      default -> throw new IllegalArgumentException("No such report: " + report.path());
    };
  }
}
