package io.rastro.tracking.internal;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import io.rastro.ingest.IngestCommand;
import io.rastro.ingest.IngestHandler;
import io.rastro.ingest.IngestQueue;
import io.rastro.platform.PipelineStep;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Transactional;
import tools.jackson.core.type.TypeReference;
import tools.jackson.databind.json.JsonMapper;

/**
 * Tracking events on the write-ahead queue, both ways: the API queues them in chunks, and the
 * workers hand the chunks back here to be written. An event whose shipment does not exist yet waits
 * as unmatched; one whose month is on a shard that does not answer waits for it.
 */
@Component
public class TrackingEventIngest implements IngestHandler {

  static final String TYPE = "tracking.record";

  /**
   * Events per queued command: small enough for any broker and for a worker's batch of commands
   * ({@code rastro.ingest.batch-size}) to stay a modest transaction, large enough to batch well.
   */
  static final int CHUNK = 100;

  private static final TypeReference<List<TrackingEvent>> EVENTS = new TypeReference<>() {};

  private final IngestQueue queue;
  private final TrackingEventWriter writer;
  private final UnmatchedEvents unmatched;
  private final WaitingEvents waiting;
  private final TrackingShards shards;
  private final JsonMapper json;
  private final Counter accepted;
  private final Counter written;
  private final Counter duplicates;
  private final Counter parked;
  private final Counter rejected;
  private final Counter forbidden;
  private final Counter deferred;
  private final Timer enqueuing;

  TrackingEventIngest(
      IngestQueue queue,
      TrackingEventWriter writer,
      UnmatchedEvents unmatched,
      WaitingEvents waiting,
      TrackingShards shards,
      JsonMapper json,
      MeterRegistry meters) {
    this.queue = queue;
    this.writer = writer;
    this.unmatched = unmatched;
    this.waiting = waiting;
    this.shards = shards;
    this.json = json;
    this.accepted = counter(meters, "accepted");
    this.written = counter(meters, "written");
    this.duplicates = counter(meters, "duplicate");
    this.parked = counter(meters, "unmatched");
    this.rejected = counter(meters, "rejected");
    this.forbidden = counter(meters, "forbidden");
    this.deferred = counter(meters, "awaiting-shard");
    this.enqueuing = PipelineStep.timer(meters, "tracking.enqueue");
  }

  private static Counter counter(MeterRegistry meters, String outcome) {
    return Counter.builder("rastro.tracking.events")
        .description("Tracking events by what became of them")
        .tag("outcome", outcome)
        .register(meters);
  }

  /** Queues checked events; returns once the queue holds them durably. */
  public void enqueue(List<TrackingEvent> events, Instant acceptedAt) {
    enqueuing.record(() -> enqueueChunks(events, acceptedAt));
  }

  private void enqueueChunks(List<TrackingEvent> events, Instant acceptedAt) {
    var commands = new ArrayList<IngestCommand>();
    for (int from = 0; from < events.size(); from += CHUNK) {
      var chunk = events.subList(from, Math.min(events.size(), from + CHUNK));
      commands.add(new IngestCommand(TYPE, json.writeValueAsBytes(chunk), acceptedAt));
    }
    if (!commands.isEmpty()) {
      queue.enqueue(commands);
      accepted.increment(events.size());
    }
  }

  /** Counts events the API refused as malformed. */
  public void rejected(int events) {
    rejected.increment(events);
  }

  @Override
  public String type() {
    return TYPE;
  }

  @Override
  public void handle(List<IngestCommand> commands) {
    var events = new ArrayList<TrackingEvent>();
    commands.forEach(c -> events.addAll(json.readValue(c.payload(), EVENTS)));
    write(events);
  }

  /** Writes the events that waited for a shard that answers again, a thousand at a time. */
  @Scheduled(fixedDelayString = "PT2S", initialDelayString = "PT2S")
  @Transactional
  public void writeAwaitingShards() {
    write(
        waiting.takeFor(
            shards.properties().shards().stream().filter(shards::answers).toList(), 1000));
  }

  private void write(List<TrackingEvent> events) {
    if (events.isEmpty()) {
      return;
    }
    var result = writer.write(events);
    var unknown =
        events.stream().filter(e -> result.unknown().contains(e.trackingNumber())).toList();
    unmatched.park(unknown);
    written.increment(result.stored().size());
    duplicates.increment(result.duplicates().size());
    parked.increment(unknown.size());
    forbidden.increment(result.forbidden().size());
    deferred.increment(result.deferred().size());
  }
}
