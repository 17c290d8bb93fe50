package io.rastro.ingest.internal;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.rastro.ingest.IngestQueue;
import io.rastro.platform.WorkerPool;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import org.springframework.boot.health.contributor.AbstractHealthIndicator;
import org.springframework.boot.health.contributor.Health;
import org.springframework.stereotype.Component;

/**
 * The queue as operators see it: depth and age of the oldest command as gauges, and a health
 * indicator that is down when the queue cannot be reached. Gauges read {@link
 * BoundedQueue#recentDepth()}, so that one scrape asks the queue once.
 */
@Component("ingestQueue")
public class IngestMonitor extends AbstractHealthIndicator {

  private final BoundedQueue queue;
  private final List<WorkerPool> workers;
  private final Clock clock;

  IngestMonitor(BoundedQueue queue, List<WorkerPool> workers, Clock clock, MeterRegistry meters) {
    this.queue = queue;
    this.workers = workers;
    this.clock = clock;
    Gauge.builder("rastro.ingest.queue.depth", this, m -> m.depth().waiting())
        .description("Commands accepted and not yet written")
        .register(meters);
    Gauge.builder("rastro.ingest.queue.oldest.age", this, IngestMonitor::oldestAgeSeconds)
        .description("Seconds the oldest waiting command has waited")
        .baseUnit("seconds")
        .register(meters);
  }

  /** What waits now (at most a second old). */
  public IngestQueue.Depth depth() {
    return queue.recentDepth();
  }

  /** How long the oldest waiting command has waited; zero when none waits. */
  public Duration oldestAge() {
    var oldest = depth().oldestAcceptedAt();
    return oldest == null ? Duration.ZERO : Duration.between(oldest, clock.instant());
  }

  private double oldestAgeSeconds() {
    try {
      return oldestAge().toMillis() / 1000.0;
    } catch (RuntimeException e) {
      return Double.NaN;
    }
  }

  @Override
  protected void doHealthCheck(Health.Builder builder) {
    var depth = queue.depth();
    var dead = workers.stream().filter(w -> !w.healthy()).map(WorkerPool::name).toList();
    (dead.isEmpty() ? builder.up() : builder.down().withDetail("deadWorkers", dead))
        .withDetail("backend", queue.backend())
        .withDetail("waiting", depth.waiting())
        .withDetail("oldestAcceptedAt", String.valueOf(depth.oldestAcceptedAt()));
  }
}
