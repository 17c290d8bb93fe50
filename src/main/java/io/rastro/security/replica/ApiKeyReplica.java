package io.rastro.security.replica;

import io.rastro.outbox.OutboxConsumer;
import io.rastro.outbox.PublishedEvent;
import io.rastro.security.ApiKeyIssued;
import io.rastro.security.ApiKeyRevoked;
import io.rastro.security.ApiKeys;
import java.util.List;
import org.springframework.stereotype.Component;

/**
 * Keeps the keys issued and revoked on the ingest role, as the bus brings them, in this query
 * role's database. Applied in the subscription's transaction, once, in order.
 */
@Component
class ApiKeyReplica implements OutboxConsumer {

  private final ApiKeys keys;

  ApiKeyReplica(ApiKeys keys) {
    this.keys = keys;
  }

  @Override
  public String name() {
    return "api-keys";
  }

  @Override
  public void apply(List<PublishedEvent> events) {
    for (var published : events) {
      switch (published.event()) {
        case ApiKeyIssued issued -> keys.record(issued);
        case ApiKeyRevoked revoked -> keys.record(revoked);
        default -> {} // every other event is the read model's
      }
    }
  }
}
