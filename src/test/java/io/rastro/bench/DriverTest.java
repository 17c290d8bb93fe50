package io.rastro.bench;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.time.Duration;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.locks.LockSupport;
import org.junit.jupiter.api.Test;

class DriverTest {

  @Test
  void openLoopSendsAtTheTargetRate() {
    var sent = new AtomicInteger();

    var result =
        Driver.openLoop(
            400,
            Duration.ofSeconds(2),
            1,
            64,
            () -> {
              sent.incrementAndGet();
              return 202;
            });

    assertThat(sent.get()).isCloseTo(800, within(40));
    assertThat(result.acceptedPerSecond()).isCloseTo(400, within(40.0));
  }

  @Test
  void openLoopCountsAStallAsLatencyOfEveryRequestDueDuringIt() {
    var calls = new AtomicInteger();

    // One request in 200 takes 100 ms, and only one request may be under way at a time: the
    // requests due meanwhile wait, and their wait is latency (no coordinated omission).
    var result =
        Driver.openLoop(
            200,
            Duration.ofSeconds(2),
            1,
            1,
            () -> {
              if (calls.incrementAndGet() % 200 == 1) {
                LockSupport.parkNanos(100_000_000);
              }
              return 202;
            });

    assertThat(result.percentileMillis(99)).isGreaterThan(50);
    assertThat(result.percentileMillis(50)).isLessThan(50);
  }

  @Test
  void percentilesAndOutcomesAreCountedRight() {
    var calls = new AtomicInteger();

    var result =
        Driver.closedLoop(
            1,
            Duration.ofMillis(500),
            10,
            () ->
                switch (calls.incrementAndGet() % 4) {
                  case 0 -> 503;
                  case 1 -> 500;
                  default -> 202;
                });

    assertThat(result.requests()).isEqualTo(result.accepted() + result.refused() + result.failed());
    assertThat(result.accepted()).isCloseTo(result.requests() / 2, within(2L));
    assertThat(result.latency().getTotalCount()).isEqualTo(result.accepted());
    assertThat(result.acceptedPerSecond())
        .isCloseTo(result.accepted() * 10 / result.seconds(), within(1.0));
  }

  @Test
  void aClosedLoopSenderBacksOffWhenRefused() {
    var result = Driver.closedLoop(1, Duration.ofSeconds(1), 1, () -> 503);

    // Without the back-off, one sender makes millions of such calls a second.
    assertThat(result.refused()).isEqualTo(result.requests()).isBetween(8L, 11L);
    assertThat(result.accepted()).isZero();
  }
}
