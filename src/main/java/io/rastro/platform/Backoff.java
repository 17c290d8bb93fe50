package io.rastro.platform;

import java.time.Duration;

/**
 * How long a worker waits before retrying after the database or the broker failed: doubling from
 * 100 ms up to 10 s, so that an outage costs little and its end is noticed within seconds.
 */
public final class Backoff {

  private static final Duration FIRST = Duration.ofMillis(100);
  private static final Duration MAX = Duration.ofSeconds(10);

  private Duration next = FIRST;

  /** The wait before the coming retry. */
  public Duration current() {
    return next;
  }

  /** Waits, then doubles the next wait. */
  public void pause() throws InterruptedException {
    Thread.sleep(next);
    var doubled = next.multipliedBy(2);
    next = doubled.compareTo(MAX) > 0 ? MAX : doubled;
  }

  /** After a success: the next failure waits the shortest time again. */
  public void reset() {
    next = FIRST;
  }
}
