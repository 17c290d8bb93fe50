package io.rastro.tracking.commands;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import io.rastro.platform.Caller;
import io.rastro.platform.InvalidRequestException;
import io.rastro.platform.NotFoundException;
import io.rastro.platform.PipelineStep;
import io.rastro.shipment.Shipments;
import io.rastro.shipment.TrackingNumber;
import io.rastro.tracking.internal.TrackingEvent;
import io.rastro.tracking.internal.TrackingEventIngest;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.function.Supplier;
import org.springframework.stereotype.Service;

/**
 * Handles {@link RecordTrackingEvent}s, one or a batch: checks each, and queues those that pass on
 * the write-ahead queue, answering once the queue holds them durably.
 */
@Service
class RecordTrackingEventsHandler {

  private final TrackingEventCheck check;
  private final TrackingEventIngest ingest;
  private final Shipments shipments;
  private final Clock clock;
  private final Timer checking;

  RecordTrackingEventsHandler(
      TrackingEventCheck check,
      TrackingEventIngest ingest,
      Shipments shipments,
      Clock clock,
      MeterRegistry meters) {
    this.check = check;
    this.ingest = ingest;
    this.shipments = shipments;
    this.clock = clock;
    this.checking = PipelineStep.timer(meters, "tracking.check");
  }

  /**
   * Records one event for the shipment named in the path. A shipment not written yet is no error:
   * the event waits for it.
   *
   * @throws InvalidRequestException when the event or the tracking number is malformed
   */
  EventAccepted recordOne(String trackingNumber, RecordTrackingEvent command) {
    var receivedAt = clock.instant();
    TrackingEvent event;
    try {
      var number = TrackingNumber.parse(trackingNumber, "trackingNumber");
      event = check.check(command.withTrackingNumber(number.value()), receivedAt);
    } catch (InvalidRequestException e) {
      ingest.rejected(1);
      throw e;
    }
    var scoped = scope(List.of(event));
    if (scoped.refused().contains(event.trackingNumber())) {
      ingest.rejected(1);
      throw new NotFoundException(notAssigned(event.trackingNumber()));
    }
    event = scoped.events().getFirst();
    ingest.enqueue(List.of(event), receivedAt);
    return EventAccepted.of(event.trackingNumber().value(), event.eventId());
  }

  /**
   * Queues each item of a batch that passes its checks; the others are reported by index. A repeat
   * of an earlier item of the same batch is counted as a duplicate and queued once.
   *
   * @param items each item's command, read lazily so that an unreadable item is rejected alone
   */
  BatchAccepted recordAll(List<Supplier<RecordTrackingEvent>> items) {
    var receivedAt = clock.instant();
    var rejections = new ArrayList<BatchAccepted.Rejection>();
    var checked = new ArrayList<TrackingEvent>();
    var indexes = new ArrayList<Integer>();
    var sample = Timer.start();
    for (int index = 0; index < items.size(); index++) {
      try {
        checked.add(check.check(items.get(index).get(), receivedAt));
        indexes.add(index);
      } catch (InvalidRequestException e) {
        rejections.add(new BatchAccepted.Rejection(index, e.getMessage()));
      }
    }
    sample.stop(checking);
    var scoped = scope(checked);
    var events = new ArrayList<TrackingEvent>();
    var keys = new HashSet<TrackingEvent.Key>();
    int duplicates = 0;
    for (int i = 0; i < checked.size(); i++) {
      var event = scoped.events().get(i);
      if (scoped.refused().contains(event.trackingNumber())) {
        rejections.add(
            new BatchAccepted.Rejection(
                indexes.get(i), "trackingNumber: " + notAssigned(event.trackingNumber())));
      } else if (keys.add(event.key())) {
        events.add(event);
      } else {
        duplicates++;
      }
    }
    rejections.sort(Comparator.comparingInt(BatchAccepted.Rejection::index));
    ingest.enqueue(events, receivedAt);
    ingest.rejected(rejections.size());
    return new BatchAccepted(events.size(), duplicates, rejections);
  }

  /**
   * The events as the caller may send them. A carrier's key may send events only for shipments
   * assigned to its carrier: those for another's are refused (without saying whose), and those for
   * a shipment not written yet are marked to be written only if it turns out to be its carrier's.
   *
   * @param events the same events in the same order, marked with the sending carrier
   * @param refused tracking numbers of shipments assigned to another carrier, or to none
   */
  private record Scoped(List<TrackingEvent> events, Set<TrackingNumber> refused) {}

  private Scoped scope(List<TrackingEvent> events) {
    var carrier = Caller.carrierScope();
    if (carrier.isEmpty()) {
      return new Scoped(events, Set.of());
    }
    var assigned =
        shipments.carriersOf(events.stream().map(TrackingEvent::trackingNumber).toList());
    var refused = new HashSet<TrackingNumber>();
    assigned.forEach(
        (number, code) -> {
          if (!code.equals(carrier)) {
            refused.add(number);
          }
        });
    return new Scoped(events.stream().map(e -> e.sentBy(carrier.get())).toList(), refused);
  }

  private static String notAssigned(TrackingNumber trackingNumber) {
    return "no shipment " + trackingNumber + " is assigned to this key's carrier";
  }
}
