package io.rastro.shipmentview.refresh;

import java.time.Instant;

/**
 * One refresh of the read model.
 *
 * @param asOf every write committed before this instant is in the read model
 * @param durationMs how long the refresh took
 */
public record Refresh(Instant asOf, long durationMs) {}
