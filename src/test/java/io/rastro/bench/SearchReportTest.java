package io.rastro.bench;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.HdrHistogram.Histogram;
import org.junit.jupiter.api.Test;

class SearchReportTest {

  private static final SearchReport.Setting POSTGRES_SMALL =
      new SearchReport.Setting("postgres", 100_000, "alone");
  private static final SearchReport.Setting POSTGRES_LARGE =
      new SearchReport.Setting("postgres", 1_000_000, "alone");

  private static Histogram samples(int count, long micros) {
    var histogram = new Histogram(3_600_000_000L, 3);
    histogram.recordValueWithCount(micros, count);
    return histogram;
  }

  @Test
  void refusesAPercentileFromTooFewSamplesAndSaysHowMany() {
    var row =
        SearchReport.Row.of(
            POSTGRES_SMALL, "text", samples(120, 4000), samples(120, 2000), Double.NaN, Double.NaN);

    assertThat(row.apiP50()).isEqualTo(4.0, org.assertj.core.data.Offset.offset(0.01));
    assertThat(row.apiP99()).isNaN();
    assertThat(row.ratio()).isNaN();
    var report = new SearchReport("quick", "");
    report.add(row);
    assertThat(report.markdown("today"))
        .contains(
            "| postgres | 100,000 | alone | text | 4.00 | n/a (n=120) | 2.00 | n/a (n=120) | n/a | 120 |")
        .contains("no ratio, too few samples (n=120)");
  }

  @Test
  void judgesTheRatioOfTheP99sAgainstOneAndAHalf() {
    var row =
        SearchReport.Row.of(
            new SearchReport.Setting("elasticsearch", 1_000_000, "alone"),
            "geo",
            samples(400, 42_000),
            samples(400, 20_000),
            800,
            1200);

    assertThat(row.ratio()).isCloseTo(2.1, org.assertj.core.data.Offset.offset(0.01));
    assertThat(SearchReport.ratioVerdict(List.of(row)))
        .isEqualTo(
            "- elasticsearch, 1,000,000, alone, geo: 2.10× the raw p99, misses the target."
                + " p99 42.0 ms, within the 50 ms target.");
  }

  @Test
  void saysWhereThePostgresEngineGoesAboveFiftyMilliseconds() {
    var rows =
        List.of(
            SearchReport.Row.of(
                POSTGRES_SMALL, "text", samples(400, 30_000), samples(400, 25_000), 1, 1),
            SearchReport.Row.of(
                POSTGRES_LARGE, "text", samples(400, 700_000), samples(400, 690_000), 1, 1),
            SearchReport.Row.of(
                POSTGRES_LARGE, "geo", samples(400, 3_000), samples(400, 2_000), 1, 1),
            SearchReport.Row.of(
                new SearchReport.Setting("postgres", 1_000_000, Harness.DURING_TARGET_INGEST),
                "geo",
                samples(12, 9_000),
                samples(12, 2_000),
                Double.NaN,
                Double.NaN));

    assertThat(SearchReport.postgresVerdict(rows))
        .isEqualTo(
            """
            - text: p99 through the API 30.0 ms at 100,000 alone, 700.4 ms at 1,000,000 alone: \
            stops keeping up (p99 above 50 ms) at 1,000,000 alone.
            - geo: p99 through the API 3.00 ms at 1,000,000 alone, n/a (n=12) ms at 1,000,000 \
            during 10,000 events/s: within 50 ms wherever there were samples enough (too few at \
            1,000,000 during 10,000 events/s).""");
  }

  @Test
  void cpuBelowTheIdleBaselineSaysSoRatherThanANegativeFigure() {
    assertThat(SearchReport.micros(-1289)).isEqualTo("below idle");
    assertThat(SearchReport.micros(17968.4)).isEqualTo("17,968");
    assertThat(SearchReport.micros(Double.NaN)).isEqualTo("–");
  }

  @Test
  void theProbesWordIsLettersOnly() {
    assertThat(SearchScenario.letters(Integer.toString(27, 26))).isEqualTo("bb");
    assertThat(SearchScenario.letters("0p")).isEqualTo("az");
  }

  @Test
  void sizesAndSecondsAreOptions() {
    var plan = SearchScenario.Plan.of("full", List.of("sizes=20000,5000", "seconds=5"));

    assertThat(plan.sizes()).containsExactly(5000, 20000);
    assertThat(plan.perKind()).hasSeconds(5);
    assertThat(plan.engines()).containsExactly("postgres", "elasticsearch");
    assertThat(SearchScenario.Plan.of("quick", List.of()).sizes()).containsExactly(100_000);
  }
}
