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
    assertThat(result.latency().getTotalCount()).isEqualTo(result.accepted() + result.failed());
    assertThat(result.acceptedPerSecond())
        .isCloseTo(result.accepted() * 10 / result.seconds(), within(1.0));
  }

  @Test
  void aClosedLoopSenderBacksOffWhenRefused() {
    var result = Driver.closedLoop(1, Duration.ofMillis(2500), 1, () -> 503);

    // Sent at 0, 1 and 2 s; without the back-off, one sender makes millions of such calls.
    assertThat(result.refused()).isEqualTo(result.requests()).isEqualTo(3);
    assertThat(result.accepted()).isZero();
    assertThat(result.percentileMillis(99)).isNaN();
  }

  @Test
  void percentilesAreThoseOfTheLatenciesMeasured() {
    var calls = new AtomicInteger();

    // One request in ten takes 20 ms, the others 1 ms: p80 is a fast one, p95 a slow one.
    var result =
        Driver.closedLoop(
            1,
            Duration.ofSeconds(2),
            1,
            () -> {
              LockSupport.parkNanos(calls.incrementAndGet() % 10 == 0 ? 20_000_000 : 1_000_000);
              return 202;
            });

    assertThat(result.percentileMillis(50)).isBetween(1.0, 8.0);
    assertThat(result.percentileMillis(80)).isBetween(1.0, 8.0);
    assertThat(result.percentileMillis(95)).isBetween(20.0, 40.0);
    assertThat(result.latency().getMaxValue() / 1000.0).isBetween(20.0, 60.0);
  }

  @Test
  void theWarmUpLastsUntilTwoWindowsInARowAgree() {
    var rates = new java.util.ArrayDeque<>(java.util.List.of(100.0, 400.0, 700.0, 760.0, 770.0));

    var windows = Driver.warmUntilSteady(rates::pop, 10, 0.1);

    assertThat(windows).containsExactly(100.0, 400.0, 700.0, 760.0);
    assertThat(Driver.warmUntilSteady(() -> 5.0 * Math.random() + 100 * Math.random(), 3, 0.0))
        .hasSize(3);
  }

  @Test
  void repetitionsPoolTheirRequestsTimeAndLatencies() {
    var first = Driver.closedLoop(1, Duration.ofMillis(300), 10, () -> 202);
    var second = Driver.closedLoop(1, Duration.ofMillis(300), 10, () -> 503);

    var pooled = Driver.Result.pooled(java.util.List.of(first, second));

    assertThat(pooled.accepted()).isEqualTo(first.accepted());
    assertThat(pooled.refused()).isEqualTo(second.refused());
    assertThat(pooled.seconds()).isCloseTo(first.seconds() + second.seconds(), within(1e-9));
    assertThat(pooled.acceptedPerSecond())
        .isCloseTo(first.accepted() * 10 / (first.seconds() + second.seconds()), within(1e-6));
    assertThat(pooled.latency().getTotalCount()).isEqualTo(first.latency().getTotalCount());
  }
}
