package io.rastro.webhooks;

import java.net.URI;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import org.jspecify.annotations.Nullable;

/**
 * An endpoint registered to receive domain events, as its owner sees it (never its secret, which is
 * shown once, when made).
 *
 * @param eventTypes the CloudEvents types it receives; all when empty
 * @param customerId whose shipments it receives (a shipper's endpoint); null: every shipment
 * @param disabledReason why Rastro disabled it, when it did
 * @param failingSince since when every attempt to it has failed, while they do
 */
public record WebhookEndpoint(
    UUID id,
    URI url,
    List<String> eventTypes,
    @Nullable String description,
    @Nullable UUID customerId,
    boolean enabled,
    @Nullable String disabledReason,
    @Nullable Instant failingSince,
    Instant createdAt) {}
