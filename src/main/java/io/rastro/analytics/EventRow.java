package io.rastro.analytics;

/**
 * A tracking event as the engines hold it, keyed by its outbox position; instants as epoch seconds,
 * missing text as {@code ""}.
 */
public record EventRow(
    long position,
    String trackingNumber,
    String eventId,
    String status,
    String reason,
    String city,
    String country,
    long occurredAt,
    long receivedAt) {}
