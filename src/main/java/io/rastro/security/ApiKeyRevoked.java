package io.rastro.security;

import io.rastro.outbox.DomainEvent;
import io.rastro.outbox.EventType;
import java.time.Instant;
import java.util.UUID;

/**
 * An API key was revoked: {@code io.rastro.security.key-revoked.v1}, internal, so that the query
 * roles stop honouring it.
 */
public record ApiKeyRevoked(UUID id, Instant revokedAt) implements DomainEvent {

  public static final EventType<ApiKeyRevoked> TYPE =
      new EventType<>(ApiKeyRevoked.class, "ApiKeyRevoked", "security.key-revoked", 1, true);

  @Override
  public String subject() {
    return id.toString();
  }
}
