package io.rastro.shipmentview.queries;

import java.time.Duration;
import java.time.Instant;

/**
 * What a read model reflects.
 *
 * @param asOf every write committed before this instant is reflected
 * @param lag how far {@code asOf} is behind now
 */
record Freshness(Instant asOf, Duration lag) {

  static Freshness at(Instant asOf, Instant now) {
    var lag = Duration.between(asOf, now);
    return new Freshness(asOf, lag.isNegative() ? Duration.ZERO : lag);
  }
}
