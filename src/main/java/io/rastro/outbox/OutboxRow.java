package io.rastro.outbox;

import java.time.Instant;

/**
 * One recorded event as the outbox holds it, its data still JSON.
 *
 * @param txid the id of the transaction that wrote it; events are relayed in the order of {@code
 *     (txid, position)}
 * @param position its number in the outbox (unique, not in commit order)
 * @param type the {@link EventType#name()} of the event
 * @param writtenAt when its write happened
 */
public record OutboxRow(
    long txid, long position, String type, String subject, Instant writtenAt, String data) {}
