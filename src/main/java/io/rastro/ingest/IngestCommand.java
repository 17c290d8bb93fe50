package io.rastro.ingest;

import java.time.Instant;

/**
 * A command waiting to be written.
 *
 * @param type names the {@link IngestHandler} that writes it, such as {@code tracking.record}
 * @param payload the command, as its module serialized it
 * @param acceptedAt when the API accepted it
 */
// The payload is opaque bytes passed through to a handler; commands are never compared or hashed.
@SuppressWarnings("ArrayRecordComponent")
public record IngestCommand(String type, byte[] payload, Instant acceptedAt) {}
