package io.rastro.tracking.internal;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.rastro.ingest.IngestProperties;
import io.rastro.shipment.ShipmentCreated;
import io.rastro.shipment.Shipments;
import io.rastro.shipment.TrackingNumber;
import io.rastro.tracking.TrackingStatus;
import io.swagger.v3.oas.annotations.media.Schema;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.event.EventListener;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Repository;
import org.springframework.transaction.annotation.Transactional;
import tools.jackson.databind.json.JsonMapper;

/**
 * Tracking events that arrived before their shipment. They wait here, attach themselves when the
 * shipment is written (in the same transaction), and are dropped once older than {@code
 * rastro.ingest.unmatched-grace}. A sweep every ten seconds also attaches the few whose shipment
 * committed at the same moment as they did, which neither side could see.
 */
@Repository
public class UnmatchedEvents {

  private static final Logger log = LoggerFactory.getLogger(UnmatchedEvents.class);

  private final JdbcClient jdbc;
  private final JsonMapper json;
  private final WaitingEvents waiting;
  private final TrackingEventWriter writer;
  private final Shipments shipments;
  private final IngestProperties properties;
  private final Clock clock;

  UnmatchedEvents(
      JdbcClient jdbc,
      JsonMapper json,
      WaitingEvents waiting,
      TrackingEventWriter writer,
      Shipments shipments,
      IngestProperties properties,
      Clock clock,
      MeterRegistry meters) {
    this.jdbc = jdbc;
    this.json = json;
    this.waiting = waiting;
    this.writer = writer;
    this.shipments = shipments;
    this.properties = properties;
    this.clock = clock;
    Gauge.builder("rastro.tracking.unmatched", this, UnmatchedEvents::count)
        .description("Tracking events waiting for their shipment to be created")
        .register(meters);
  }

  /** How many events wait for their shipment. */
  long count() {
    return waiting.count(WaitingEvents.For.SHIPMENT);
  }

  /** One waiting event, as listed for operators. */
  public record Unmatched(
      String trackingNumber,
      String eventId,
      @Schema(implementation = TrackingStatus.class) String status,
      Instant occurredAt,
      Instant receivedAt,
      Instant expiresAt) {}

  void park(List<TrackingEvent> events) {
    waiting.park(WaitingEvents.For.SHIPMENT, events);
  }

  /** Writes the events that waited for this shipment, in the transaction that created it. */
  @EventListener
  void on(ShipmentCreated created) {
    attach(created.shipment().trackingNumber());
  }

  private void attach(TrackingNumber trackingNumber) {
    var events =
        jdbc.sql("delete from unmatched_tracking_events where tracking_number = ? returning event")
            .param(trackingNumber.value())
            .query((rs, n) -> json.readValue(rs.getString(1), TrackingEvent.class))
            .list();
    if (!events.isEmpty()) {
      writer.write(events);
      log.debug("{} waiting events attached to {}", events.size(), trackingNumber);
    }
  }

  @Scheduled(fixedDelayString = "PT10S", initialDelayString = "PT10S")
  @Transactional
  public void sweep() {
    var waiting =
        jdbc.sql("select distinct tracking_number from unmatched_tracking_events limit 1000")
            .query((rs, n) -> new TrackingNumber(rs.getString(1)))
            .list();
    shipments.idsOf(waiting).keySet().forEach(this::attach);
    var expired =
        jdbc.sql("delete from unmatched_tracking_events where received_at < ?")
            .param(Timestamp.from(clock.instant().minus(properties.unmatchedGrace())))
            .update();
    if (expired > 0) {
      log.warn("Dropped {} tracking events whose shipment never came", expired);
    }
  }

  public List<Unmatched> list(int limit) {
    return jdbc.sql(
            "select tracking_number, event_id, event ->> 'status' as status, occurred_at, received_at"
                + " from unmatched_tracking_events order by received_at limit ?")
        .param(limit)
        .query(
            (rs, n) -> {
              var receivedAt = rs.getTimestamp("received_at").toInstant();
              return new Unmatched(
                  rs.getString("tracking_number"),
                  rs.getString("event_id"),
                  rs.getString("status"),
                  rs.getTimestamp("occurred_at").toInstant(),
                  receivedAt,
                  receivedAt.plus(properties.unmatchedGrace()));
            })
        .list();
  }
}
