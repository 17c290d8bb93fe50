package io.rastro.webhooks;

import io.swagger.v3.oas.annotations.media.Schema;
import java.time.Instant;
import org.jspecify.annotations.Nullable;

/**
 * One event's delivery to one endpoint, as its log shows it.
 *
 * @param id the {@code webhook-id} every attempt carries
 * @param status {@code pending} (being tried), {@code delivered} or {@code failed} (given up)
 * @param lastStatus the HTTP status the endpoint answered last, if it answered
 * @param lastError why the last attempt failed, if it did
 * @param nextAttemptAt when it is tried next, while pending
 */
public record WebhookDelivery(
    String id,
    String eventType,
    String eventPosition,
    @Schema(allowableValues = {"pending", "delivered", "failed"}) String status,
    int attempts,
    @Nullable Integer lastStatus,
    @Nullable String lastError,
    @Nullable Instant lastAttemptAt,
    @Nullable Instant nextAttemptAt,
    Instant createdAt) {}
