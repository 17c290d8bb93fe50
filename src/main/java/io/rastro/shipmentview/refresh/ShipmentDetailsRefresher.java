package io.rastro.shipmentview.refresh;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import io.rastro.shipmentview.ReadModelProperties;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicReference;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.event.EventListener;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.scheduling.TaskScheduler;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Refreshes the {@code shipment_details} materialized view: on a schedule in {@code
 * materialized-view} mode, and on demand in either mode (the consistency check recomputes the read
 * model with it). A PostgreSQL advisory lock keeps two refreshes from running at once, even across
 * instances; {@code CONCURRENTLY} keeps the view readable meanwhile.
 */
@Component
public class ShipmentDetailsRefresher {

  private static final Logger log = LoggerFactory.getLogger(ShipmentDetailsRefresher.class);

  /** The advisory lock's key: "rastro" in ASCII, so that it is recognizable in pg_locks. */
  private static final long LOCK = 0x72617374726fL;

  private final JdbcClient jdbc;
  private final TransactionTemplate transaction;
  private final TaskScheduler scheduler;
  private final ReadModelProperties properties;
  private final Clock clock;
  private final Timer timer;
  private final AtomicReference<Instant> asOf = new AtomicReference<>();

  ShipmentDetailsRefresher(
      JdbcClient jdbc,
      TransactionTemplate transaction,
      TaskScheduler scheduler,
      ReadModelProperties properties,
      Clock clock,
      MeterRegistry meters) {
    this.jdbc = jdbc;
    this.transaction = transaction;
    this.scheduler = scheduler;
    this.properties = properties;
    this.clock = clock;
    this.timer =
        Timer.builder("rastro.read_model.refresh")
            .description("Time to refresh the shipment_details materialized view")
            .publishPercentileHistogram()
            .register(meters);
    Gauge.builder("rastro.read_model.age", this, ShipmentDetailsRefresher::ageSeconds)
        .description("Seconds since the newest write that the read model reflects")
        .baseUnit("seconds")
        .register(meters);
  }

  @EventListener(ApplicationReadyEvent.class)
  @SuppressWarnings("FutureReturnValueIgnored") // runs until shutdown; refreshIfIdle logs failures
  void schedule() {
    asOf.set(lastAsOf());
    var interval = properties.refreshInterval();
    if (properties.mode() == ReadModelProperties.Mode.MATERIALIZED_VIEW && interval.isPositive()) {
      scheduler.scheduleWithFixedDelay(this::refreshIfIdle, clock.instant(), interval);
    }
  }

  /** How many shipments the recomputation (the materialized view) holds. */
  public long shipments() {
    return jdbc.sql("select count(*) from shipment_details").query(Long.class).single();
  }

  /** Refreshes now, after any refresh already running; returns when it is done. */
  public Refresh refresh() {
    return run(true).orElseThrow();
  }

  private void refreshIfIdle() {
    try {
      run(false)
          .ifPresentOrElse(
              r -> log.debug("Read model refreshed in {} ms", r.durationMs()),
              () -> asOf.set(lastAsOf()));
    } catch (RuntimeException e) {
      log.warn(
          "Scheduled refresh of the read model failed; next try in {}",
          properties.refreshInterval(),
          e);
    }
  }

  private Optional<Refresh> run(boolean wait) {
    var started = System.nanoTime();
    var refresh =
        transaction.execute(
            status -> {
              if (!lock(wait)) {
                return null;
              }
              var snapshot =
                  jdbc.sql("select clock_timestamp()").query(Timestamp.class).single().toInstant();
              jdbc.sql("refresh materialized view concurrently shipment_details").update();
              jdbc.sql(
                      "update read_model_refreshes set refreshed_at = ? where view_name = 'shipment_details'")
                  .param(Timestamp.from(snapshot))
                  .update();
              return new Refresh(
                  snapshot, Duration.ofNanos(System.nanoTime() - started).toMillis());
            });
    if (refresh == null) {
      return Optional.empty();
    }
    timer.record(Duration.ofMillis(refresh.durationMs()));
    asOf.set(refresh.asOf());
    return Optional.of(refresh);
  }

  private boolean lock(boolean wait) {
    if (wait) {
      jdbc.sql("select pg_advisory_xact_lock(?)").param(LOCK).query(Object.class).single();
      return true;
    }
    return jdbc.sql("select pg_try_advisory_xact_lock(?)")
        .param(LOCK)
        .query(Boolean.class)
        .single();
  }

  private Instant lastAsOf() {
    return jdbc.sql(
            "select refreshed_at from read_model_refreshes where view_name = 'shipment_details'")
        .query(Timestamp.class)
        .single()
        .toInstant();
  }

  private double ageSeconds() {
    var last = asOf.get();
    return last == null ? Double.NaN : Duration.between(last, clock.instant()).toMillis() / 1000.0;
  }
}
