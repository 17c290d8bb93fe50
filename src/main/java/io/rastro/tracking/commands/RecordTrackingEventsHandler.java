package io.rastro.tracking.commands;

import io.rastro.platform.InvalidRequestException;
import io.rastro.platform.NotFoundException;
import io.rastro.shipment.TrackingNumber;
import io.rastro.tracking.internal.TrackingEvent;
import io.rastro.tracking.internal.TrackingEventWriter;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.function.Supplier;
import org.springframework.stereotype.Service;

/** Handles {@link RecordTrackingEvent}s, one or a batch: check each, then write them together. */
@Service
class RecordTrackingEventsHandler {

  private final TrackingEventCheck check;
  private final TrackingEventWriter writer;
  private final Clock clock;

  RecordTrackingEventsHandler(TrackingEventCheck check, TrackingEventWriter writer, Clock clock) {
    this.check = check;
    this.writer = writer;
    this.clock = clock;
  }

  /**
   * Records one event for the shipment named in the path.
   *
   * @throws InvalidRequestException when the event is malformed
   * @throws NotFoundException when no shipment has this tracking number
   */
  EventAccepted recordOne(String trackingNumber, RecordTrackingEvent command) {
    var number = TrackingNumber.parse(trackingNumber, "trackingNumber");
    var event = check.check(command.withTrackingNumber(number.value()), clock.instant());
    if (!writer.write(List.of(event)).unknown().isEmpty()) {
      throw new NotFoundException("No shipment has tracking number " + number);
    }
    return new EventAccepted(number.value(), event.eventId());
  }

  /**
   * Records each item of a batch that passes its checks; the others are reported by index.
   *
   * @param items each item's command, read lazily so that an unreadable item is rejected alone
   */
  BatchAccepted recordAll(List<Supplier<RecordTrackingEvent>> items) {
    var receivedAt = clock.instant();
    var rejected = new ArrayList<BatchAccepted.Rejection>();
    var checked = new ArrayList<TrackingEvent>();
    var indexes = new ArrayList<Integer>();
    for (int index = 0; index < items.size(); index++) {
      try {
        checked.add(check.check(items.get(index).get(), receivedAt));
        indexes.add(index);
      } catch (InvalidRequestException e) {
        rejected.add(new BatchAccepted.Rejection(index, e.getMessage()));
      }
    }
    var result = writer.write(checked);
    for (int i = 0; i < checked.size(); i++) {
      var number = checked.get(i).trackingNumber();
      if (result.unknown().contains(number)) {
        rejected.add(
            new BatchAccepted.Rejection(
                indexes.get(i), "trackingNumber: no shipment has tracking number " + number));
      }
    }
    rejected.sort(Comparator.comparingInt(BatchAccepted.Rejection::index));
    return new BatchAccepted(result.stored().size(), result.duplicates().size(), rejected);
  }
}
