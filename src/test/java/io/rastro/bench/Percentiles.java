package io.rastro.bench;

import org.HdrHistogram.Histogram;

/**
 * The rule for reporting a percentile: only from enough samples that it is bounded by them. The
 * largest of n samples lies above the true p-th percentile with probability 1 − pⁿ; a percentile is
 * reported only when that is at least 95 %, that is from n ≥ ln 0.05 / ln p samples: 5 for p50, 299
 * for p99, 2,995 for p99.9. From fewer, even the sample's maximum may lie below the true
 * percentile, and the report says {@code n/a (n=…)} instead of a number.
 */
final class Percentiles {

  /** The probability with which the largest sample must bound the percentile. */
  static final double CONFIDENCE = 0.95;

  private Percentiles() {}

  /** The fewest samples from which {@code percentile} (such as 99 or 99.9) is reported. */
  static long minimumSamples(double percentile) {
    return (long) Math.ceil(Math.log(1 - CONFIDENCE) / Math.log(percentile / 100));
  }

  /** Whether {@code samples} samples are enough for {@code percentile}. */
  static boolean enough(long samples, double percentile) {
    return samples > 0 && samples >= minimumSamples(percentile);
  }

  /** A percentile of a histogram in microseconds, in milliseconds; not a number from too few. */
  static double millis(Histogram microseconds, double percentile) {
    return enough(microseconds.getTotalCount(), percentile)
        ? microseconds.getValueAtPercentile(percentile) / 1000.0
        : Double.NaN;
  }

  /** What the report shows for a percentile refused for too few samples. */
  static String notAvailable(long samples) {
    return "n/a (n=" + samples + ")";
  }
}
