package io.rastro.carrier;

import java.time.Instant;

/**
 * A carrier as stored.
 *
 * @param code its short code, upper case, such as {@code DHL}
 */
public record Carrier(String code, String name, Instant createdAt) {}
