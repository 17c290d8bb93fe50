package io.rastro.bench;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Executors;
import java.util.concurrent.Semaphore;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.LockSupport;
import org.HdrHistogram.Histogram;
import org.HdrHistogram.Recorder;

/**
 * Sends requests and measures them. Open-loop sends at a fixed rate whatever the answers, and times
 * each request from when it was due, not from when it was sent: a slow server then shows as latency
 * instead of hiding as a lower rate (coordinated omission). Closed-loop keeps a number of requests
 * under way, to find the highest rate the server sustains.
 */
final class Driver {

  /** One request: sends it and returns the HTTP status. */
  interface Request {
    int send();
  }

  /**
   * What a run measured.
   *
   * @param latency of the requests not refused, from due time to answer, in microseconds
   * @param perSecond accepted items and latency per second of the run, for charts
   */
  record Result(
      long requests,
      long accepted,
      long refused,
      long failed,
      double seconds,
      int itemsPerRequest,
      Histogram latency,
      List<Second> perSecond) {

    /** Accepted items (events) per second over the run. */
    double acceptedPerSecond() {
      return accepted * itemsPerRequest / seconds;
    }

    /**
     * A percentile of the latency; not a number from too few timed requests (see {@link
     * Percentiles}).
     */
    double percentileMillis(double percentile) {
      return Percentiles.millis(latency, percentile);
    }

    /**
     * Repetitions of the same run as one: their requests, time and latencies added up, their
     * seconds one after another.
     */
    static Result pooled(List<Result> repetitions) {
      var latency = new Histogram(3_600_000_000L, 3);
      var seconds = new ArrayList<Second>();
      double elapsed = 0;
      long requests = 0;
      long accepted = 0;
      long refused = 0;
      long failed = 0;
      for (var r : repetitions) {
        var offset = seconds.isEmpty() ? 0 : seconds.getLast().second();
        r.perSecond()
            .forEach(s -> seconds.add(new Second(offset + s.second(), s.items(), s.p99Millis())));
        latency.add(r.latency());
        elapsed += r.seconds();
        requests += r.requests();
        accepted += r.accepted();
        refused += r.refused();
        failed += r.failed();
      }
      return new Result(
          requests,
          accepted,
          refused,
          failed,
          elapsed,
          repetitions.getFirst().itemsPerRequest(),
          latency,
          List.copyOf(seconds));
    }
  }

  /**
   * Runs {@code window} (a short closed-loop run returning its rate) again and again until two in a
   * row agree within {@code tolerance} (0.1: 10 %), or {@code maxWindows} have run: a warm-up that
   * lasts until the rate is steady, not for a fixed time.
   *
   * @return the rates of the windows run, the last the steady one
   */
  static List<Double> warmUntilSteady(
      java.util.function.DoubleSupplier window, int maxWindows, double tolerance) {
    var rates = new ArrayList<Double>();
    while (rates.size() < maxWindows) {
      rates.add(window.getAsDouble());
      if (rates.size() >= 2 && steady(rates.get(rates.size() - 2), rates.getLast(), tolerance)) {
        break;
      }
    }
    return rates;
  }

  /** Whether two rates in a row agree within {@code tolerance} of the larger. */
  static boolean steady(double previous, double current, double tolerance) {
    var larger = Math.max(previous, current);
    return larger > 0 && Math.abs(current - previous) <= tolerance * larger;
  }

  /** One second of a run: accepted items, and the 99th percentile latency in milliseconds. */
  record Second(int second, long items, double p99Millis) {}

  private final Recorder recorder = new Recorder(3_600_000_000L, 3);
  private final Histogram total = new Histogram(3_600_000_000L, 3);
  private final AtomicLong accepted = new AtomicLong();
  private final AtomicLong refused = new AtomicLong();
  private final AtomicLong failed = new AtomicLong();
  private final AtomicLong requests = new AtomicLong();
  private final List<Second> seconds = new ArrayList<>();
  private final int itemsPerRequest;
  private long acceptedAtLastSecond;

  private Driver(int itemsPerRequest) {
    this.itemsPerRequest = itemsPerRequest;
  }

  /**
   * Sends {@code rate} requests a second for {@code duration}, at most {@code maxInFlight} at once.
   */
  static Result openLoop(
      double rate, Duration duration, int itemsPerRequest, int maxInFlight, Request request) {
    var driver = new Driver(itemsPerRequest);
    var period = (long) (1_000_000_000L / rate);
    var inFlight = new Semaphore(maxInFlight);
    var start = System.nanoTime();
    var end = start + duration.toNanos();
    try (var pool = Executors.newVirtualThreadPerTaskExecutor()) {
      var sampler = driver.sample(start, end);
      for (long i = 0; ; i++) {
        var due = start + i * period;
        if (due >= end) {
          break;
        }
        var wait = due - System.nanoTime();
        if (wait > 0) {
          LockSupport.parkNanos(wait);
        }
        inFlight.acquireUninterruptibly();
        pool.execute(
            () -> {
              try {
                driver.send(request, due);
              } finally {
                inFlight.release();
              }
            });
      }
      pool.shutdown();
      awaitQuietly(pool);
      sampler.interrupt();
      joinQuietly(sampler);
    }
    return driver.result(start);
  }

  /**
   * How long a closed-loop sender waits after a refusal ({@code 503} or {@code 429}) before it
   * sends again: the {@code Retry-After} Rastro sends with a full queue, honoured as a client
   * should.
   */
  static final Duration BACK_OFF = Duration.ofSeconds(1);

  /**
   * Keeps {@code concurrency} requests under way for {@code duration}; a sender that is refused
   * backs off for {@link #BACK_OFF}.
   */
  static Result closedLoop(
      int concurrency, Duration duration, int itemsPerRequest, Request request) {
    var driver = new Driver(itemsPerRequest);
    var start = System.nanoTime();
    var end = start + duration.toNanos();
    var sampler = driver.sample(start, end);
    var senders = new ArrayList<Thread>();
    for (int i = 0; i < concurrency; i++) {
      senders.add(
          Thread.ofVirtual()
              .start(
                  () -> {
                    while (System.nanoTime() < end) {
                      if (driver.send(request, System.nanoTime()) == Answer.REFUSED) {
                        LockSupport.parkNanos(BACK_OFF.toNanos());
                      }
                    }
                  }));
    }
    senders.forEach(Driver::joinQuietly);
    sampler.interrupt();
    joinQuietly(sampler);
    return driver.result(start);
  }

  private enum Answer {
    ACCEPTED,
    REFUSED,
    FAILED
  }

  /**
   * Sends one request and records its latency, unless it was refused: a refusal is answered at once
   * and would make the latency of the work taken look better than it is.
   */
  private Answer send(Request request, long due) {
    int status;
    try {
      status = request.send();
    } catch (RuntimeException e) {
      status = -1;
    }
    requests.incrementAndGet();
    var answer =
        switch (status) {
          case 202, 200, 201 -> Answer.ACCEPTED;
          case 503, 429 -> Answer.REFUSED;
          default -> Answer.FAILED;
        };
    if (answer != Answer.REFUSED) {
      recorder.recordValue(Math.max(0, (System.nanoTime() - due) / 1000));
    }
    (answer == Answer.ACCEPTED ? accepted : answer == Answer.REFUSED ? refused : failed)
        .incrementAndGet();
    return answer;
  }

  /** Every second, moves what was recorded into the total and notes the second's figures. */
  private Thread sample(long start, long end) {
    return Thread.ofPlatform()
        .daemon()
        .start(
            () -> {
              var next = start + 1_000_000_000L;
              while (!Thread.currentThread().isInterrupted() && next <= end + 1_000_000_000L) {
                var wait = next - System.nanoTime();
                if (wait > 0) {
                  LockSupport.parkNanos(wait);
                }
                if (Thread.currentThread().isInterrupted()) {
                  break;
                }
                collect((int) ((next - start) / 1_000_000_000L));
                next += 1_000_000_000L;
              }
            });
  }

  private synchronized void collect(int second) {
    var interval = recorder.getIntervalHistogram();
    total.add(interval);
    var acceptedNow = accepted.get();
    seconds.add(
        new Second(
            second,
            (acceptedNow - acceptedAtLastSecond) * itemsPerRequest,
            interval.getTotalCount() == 0
                ? Double.NaN
                : interval.getValueAtPercentile(99) / 1000.0));
    acceptedAtLastSecond = acceptedNow;
  }

  private synchronized Result result(long start) {
    total.add(recorder.getIntervalHistogram());
    var elapsed = (System.nanoTime() - start) / 1e9;
    return new Result(
        requests.get(),
        accepted.get(),
        refused.get(),
        failed.get(),
        elapsed,
        itemsPerRequest,
        total.copy(),
        List.copyOf(seconds));
  }

  private static void joinQuietly(Thread thread) {
    try {
      thread.join();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  private static void awaitQuietly(java.util.concurrent.ExecutorService pool) {
    try {
      pool.awaitTermination(10, java.util.concurrent.TimeUnit.MINUTES);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
