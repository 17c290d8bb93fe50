package io.rastro.outbox;

import java.time.Instant;

/**
 * A domain event as a consumer receives it: the typed record and its place in the relay order.
 *
 * @param txid the id of the transaction that wrote it
 * @param position its number in the outbox
 * @param writtenAt when its write happened
 */
public record PublishedEvent(long txid, long position, Instant writtenAt, DomainEvent event) {}
