package io.rastro.security;

import io.rastro.outbox.EventType;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** The events the security module writes, registered with the outbox: both internal. */
@Configuration(proxyBeanMethods = false)
class SecurityEvents {

  @Bean
  EventType<ApiKeyIssued> apiKeyIssuedEvent() {
    return ApiKeyIssued.TYPE;
  }

  @Bean
  EventType<ApiKeyRevoked> apiKeyRevokedEvent() {
    return ApiKeyRevoked.TYPE;
  }
}
