package io.rastro.tracking.commands;

import io.rastro.platform.InvalidRequestException;
import io.rastro.shipment.TrackingNumber;
import io.rastro.tracking.internal.TrackingEvent;
import io.rastro.tracking.internal.TrackingEventIngest;
import java.time.Clock;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
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
  private final Clock clock;

  RecordTrackingEventsHandler(TrackingEventCheck check, TrackingEventIngest ingest, Clock clock) {
    this.check = check;
    this.ingest = ingest;
    this.clock = clock;
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
    var events = new ArrayList<TrackingEvent>();
    var keys = new HashSet<TrackingEvent.Key>();
    int duplicates = 0;
    for (int index = 0; index < items.size(); index++) {
      try {
        var event = check.check(items.get(index).get(), receivedAt);
        if (keys.add(event.key())) {
          events.add(event);
        } else {
          duplicates++;
        }
      } catch (InvalidRequestException e) {
        rejections.add(new BatchAccepted.Rejection(index, e.getMessage()));
      }
    }
    ingest.enqueue(events, receivedAt);
    ingest.rejected(rejections.size());
    return new BatchAccepted(events.size(), duplicates, rejections);
  }
}
