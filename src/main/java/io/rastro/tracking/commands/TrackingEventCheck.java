package io.rastro.tracking.commands;

import io.rastro.platform.FieldError;
import io.rastro.platform.InvalidRequestException;
import io.rastro.shipment.TrackingNumber;
import io.rastro.tracking.internal.TrackingEvent;
import jakarta.validation.Validator;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import org.springframework.stereotype.Component;

/**
 * Checks a {@link RecordTrackingEvent} and turns it into a {@link TrackingEvent}: the same rules
 * for a single event and for each item of a batch.
 */
@Component
class TrackingEventCheck {

  /** Carriers' clocks drift, but an event a day ahead of ours is a mistake. */
  static final Duration MAX_FUTURE = Duration.ofDays(1);

  private final Validator validator;
  private final Clock clock;

  TrackingEventCheck(Validator validator, Clock clock) {
    this.validator = validator;
    this.clock = clock;
  }

  /**
   * @throws InvalidRequestException naming every field at fault
   */
  TrackingEvent check(RecordTrackingEvent command, Instant receivedAt) {
    var errors = new ArrayList<FieldError>();
    validator.validate(command).stream()
        .map(v -> new FieldError(v.getPropertyPath().toString(), v.getMessage()))
        .sorted(Comparator.comparing(FieldError::field))
        .forEach(errors::add);
    var number = command.trackingNumber();
    if (number == null || number.isBlank()) {
      errors.add(new FieldError("trackingNumber", "must not be blank"));
    }
    if (command.occurredAt() != null
        && command.occurredAt().toInstant().isAfter(clock.instant().plus(MAX_FUTURE))) {
      errors.add(new FieldError("occurredAt", "must not be more than a day in the future"));
    }
    if (!errors.isEmpty() || number == null) { // a null number is among the errors
      throw new InvalidRequestException(errors);
    }
    var trackingNumber = TrackingNumber.parse(number, "trackingNumber");
    var location = command.location();
    return new TrackingEvent(
        trackingNumber,
        command.eventId() != null
            ? command.eventId()
            : DerivedEventId.of(trackingNumber.value(), command),
        command.status(),
        command.occurredAt().toInstant(),
        receivedAt,
        location == null ? null : location.name(),
        location == null ? null : location.city(),
        location == null ? null : location.country(),
        location == null ? null : location.lat(),
        location == null ? null : location.lon(),
        command.description(),
        command.reason(),
        null);
  }
}
