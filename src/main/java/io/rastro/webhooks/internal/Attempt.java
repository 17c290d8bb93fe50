package io.rastro.webhooks.internal;

import java.time.Instant;
import java.util.UUID;
import org.jspecify.annotations.Nullable;

/**
 * What one attempt of a delivery came to: delivered, to be retried at {@code next}, or given up
 * when it failed and {@code next} is null.
 *
 * @param status the endpoint's answer, null when it gave none
 * @param error why it failed, null when delivered
 */
record Attempt(
    String deliveryId,
    UUID endpointId,
    boolean delivered,
    @Nullable Integer status,
    @Nullable String error,
    Instant at,
    @Nullable Instant next) {

  /** The delivery's state after it. */
  String outcome() {
    return delivered ? "delivered" : next == null ? "failed" : "pending";
  }
}
