package io.rastro.security;

import io.rastro.outbox.DomainEvent;
import io.rastro.outbox.EventType;
import io.rastro.platform.Caller;
import java.time.Instant;
import java.util.UUID;
import org.jspecify.annotations.Nullable;

/**
 * An API key was issued: {@code io.rastro.security.key-issued.v1}, internal. It carries the key's
 * SHA-256 hash, never the key, so that the query roles honour it ({@code rastro.role=query}); the
 * change feed and webhooks never offer it.
 *
 * @param keyHash the SHA-256 of the key, Base64
 */
public record ApiKeyIssued(
    UUID id,
    String name,
    Caller.Role role,
    @Nullable UUID customerId,
    @Nullable String carrierCode,
    String keyHash,
    String prefix,
    Instant createdAt)
    implements DomainEvent {

  public static final EventType<ApiKeyIssued> TYPE =
      new EventType<>(ApiKeyIssued.class, "ApiKeyIssued", "security.key-issued", 1, true);

  @Override
  public String subject() {
    return id.toString();
  }
}
