package io.rastro.bench;

import static org.assertj.core.api.Assertions.assertThat;

import org.HdrHistogram.Histogram;
import org.junit.jupiter.api.Test;

class PercentilesTest {

  @Test
  void theMinimumIsWhereTheLargestSampleBoundsThePercentileWith95PerCentConfidence() {
    assertThat(Percentiles.minimumSamples(50)).isEqualTo(5);
    assertThat(Percentiles.minimumSamples(99)).isEqualTo(299);
    assertThat(Percentiles.minimumSamples(99.9)).isEqualTo(2995);
    // 1 − p^n ≥ 95 % at the minimum, not one sample before it.
    assertThat(1 - Math.pow(0.99, 299)).isGreaterThanOrEqualTo(0.95);
    assertThat(1 - Math.pow(0.99, 298)).isLessThan(0.95);
  }

  @Test
  void aP99FromAFewProbesIsRefusedNotReported() {
    var probes = new Histogram(3_600_000_000L, 3);
    for (int i = 1; i <= 52; i++) {
      probes.recordValue(i * 1000L);
    }

    assertThat(Percentiles.millis(probes, 99)).isNaN();
    assertThat(Percentiles.millis(probes, 50)).isBetween(25.9, 26.1);
    assertThat(Percentiles.notAvailable(probes.getTotalCount())).isEqualTo("n/a (n=52)");

    for (int i = 53; i <= 299; i++) {
      probes.recordValue(i * 1000L);
    }
    assertThat(Percentiles.millis(probes, 99)).isBetween(295.0, 299.0);
  }
}
