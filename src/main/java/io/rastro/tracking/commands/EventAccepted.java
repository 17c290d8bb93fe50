package io.rastro.tracking.commands;

import io.rastro.outbox.ConsistencyToken;

/**
 * The answer to a single {@link RecordTrackingEvent}.
 *
 * @param eventId the event's id, derived from its content if it had none
 * @param consistencyToken send it as {@code X-Rastro-Min-Position} with a query to read this event
 *     as soon as the read model has it
 */
public record EventAccepted(String trackingNumber, String eventId, String consistencyToken) {

  static EventAccepted of(String trackingNumber, String eventId) {
    return new EventAccepted(
        trackingNumber, eventId, ConsistencyToken.ofEvent(trackingNumber, eventId).encode());
  }
}
