package io.rastro.tracking.commands;

/** The answer to a single {@link RecordTrackingEvent}: the event's id, derived if it had none. */
public record EventAccepted(String trackingNumber, String eventId) {}
