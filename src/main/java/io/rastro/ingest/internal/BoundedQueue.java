package io.rastro.ingest.internal;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.rastro.ingest.IngestCommand;
import io.rastro.ingest.IngestProperties;
import io.rastro.ingest.IngestQueue;
import io.rastro.platform.ServiceUnavailableException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;
import org.jspecify.annotations.Nullable;
import org.springframework.context.annotation.Primary;
import org.springframework.stereotype.Component;

/**
 * The configured backend with a bound on what may wait ({@code rastro.ingest.max-backlog}): once
 * that many commands wait, new ones are refused with {@code 503} and {@code Retry-After}, so that a
 * {@code 202} still means "written soon" and a spike beyond what the workers write pushes back on
 * its senders instead of growing a backlog of hours. An operator's re-drive of a dead letter is
 * refused the same way. The bound is checked against a reading of the depth at most a second old,
 * so it may be passed by what arrives within that second.
 */
@Primary
@Component
class BoundedQueue implements IngestQueue {

  private static final Duration FRESH = Duration.ofSeconds(1);

  private final IngestQueue backend;
  private final int maxBacklog;
  private final Clock clock;
  private final Counter refused;
  private final AtomicBoolean reading = new AtomicBoolean();
  private volatile Reading last = new Reading(Instant.MIN, new Depth(0, null), null);

  /** A depth, or why it could not be read. */
  private record Reading(Instant at, Depth depth, @Nullable RuntimeException failure) {}

  /**
   * @param backends the one backend {@code rastro.ingest.queue} selects (a list, since this bean is
   *     an {@link IngestQueue} too and Spring leaves a bean out of its own list)
   */
  BoundedQueue(
      List<IngestQueue> backends, IngestProperties properties, Clock clock, MeterRegistry meters) {
    if (backends.size() != 1) {
      throw new IllegalStateException("Expected one queue backend, found " + backends);
    }
    this.backend = backends.getFirst();
    this.maxBacklog = properties.maxBacklog();
    this.clock = clock;
    this.refused =
        Counter.builder("rastro.ingest.refused")
            .description("Requests refused because the queue held rastro.ingest.max-backlog")
            .register(meters);
  }

  @Override
  public void enqueue(List<IngestCommand> commands) {
    if (maxBacklog > 0 && waitingOrZero() >= maxBacklog) {
      refused.increment();
      throw new ServiceUnavailableException(
          "The write queue holds %d commands or more, its limit (rastro.ingest.max-backlog);"
                  .formatted(maxBacklog)
              + " nothing was accepted. Try again shortly.",
          FRESH,
          null);
    }
    backend.enqueue(commands);
  }

  /** What waits now, asked of the backend. */
  @Override
  public Depth depth() {
    return backend.depth();
  }

  /**
   * What waits, read at most about a second ago: one caller asks the backend while the others take
   * the reading before, so that a busy API asks the queue once a second, not once per request. A
   * failure is kept for that second too.
   */
  Depth recentDepth() {
    var now = clock.instant();
    if (last.at().plus(FRESH).isBefore(now) && reading.compareAndSet(false, true)) {
      try {
        last = new Reading(now, backend.depth(), null);
      } catch (RuntimeException e) {
        last = new Reading(now, last.depth(), e);
      } finally {
        reading.set(false);
      }
    }
    var current = last;
    if (current.failure() != null) {
      throw current.failure();
    }
    return current.depth();
  }

  /** An unreachable backend does not refuse here: its own enqueue answers why. */
  private long waitingOrZero() {
    try {
      return recentDepth().waiting();
    } catch (RuntimeException e) {
      return 0;
    }
  }

  @Override
  public String backend() {
    return backend.backend();
  }
}
