package io.rastro.bench;

import static org.assertj.core.api.Assertions.assertThat;

import org.HdrHistogram.Histogram;
import org.junit.jupiter.api.Test;

class AnalyticsReportTest {

  @Test
  void aRatioThatMissesItsTargetIsInBold() {
    var api = times(30, 120_000);
    var engine = times(30, 100_000);
    var postgres = times(10, 2_000_000);

    assertThat(AnalyticsReport.ratio(api, engine, 2, false)).isEqualTo("1.2×");
    assertThat(AnalyticsReport.ratio(times(30, 250_000), engine, 2, false)).isEqualTo("**2.5×**");
    assertThat(AnalyticsReport.ratio(postgres, api, 10, true)).isEqualTo("16.7×");
    assertThat(AnalyticsReport.ratio(times(10, 600_000), api, 10, true)).isEqualTo("**5.0×**");
  }

  @Test
  void percentilesFromTooFewSamplesAreRefused() {
    assertThat(AnalyticsReport.percentiles(times(30, 10_000)))
        .isEqualTo("10.0 · 10.0 · n/a (n=30)");
    assertThat(AnalyticsReport.ratio(times(3, 1_000), times(30, 1_000), 2, false)).isEqualTo("n/a");
  }

  private static Histogram times(int count, long micros) {
    var histogram = new Histogram(3_600_000_000L, 3);
    for (int i = 0; i < count; i++) {
      histogram.recordValue(micros);
    }
    return histogram;
  }
}
