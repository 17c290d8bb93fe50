package io.rastro.outbox;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import java.util.List;
import java.util.Optional;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * The embedded bus, the default: the relay hands the outbox straight to the in-process consumers,
 * decoded into their typed events. No broker.
 */
@Configuration(proxyBeanMethods = false)
@ConditionalOnProperty(name = "rastro.events.bus", havingValue = "embedded", matchIfMissing = true)
class EmbeddedBusConfiguration {

  /**
   * Rows decoded lately, shared by the consumers: each reads the same rows from its own cursor, and
   * they seldom lie more than a few batches apart, so most rows are decoded once, not once per
   * consumer. A row's content never changes once the relay can see it.
   */
  private static final int DECODED = 10_000;

  @Bean
  RelayTargets embeddedRelayTargets(List<OutboxConsumer> consumers, EventCatalog catalog) {
    Cache<Long, Optional<PublishedEvent>> decoded =
        Caffeine.newBuilder().maximumSize(DECODED).build();
    return new RelayTargets(
        consumers.stream().<RelayTarget>map(c -> new Decoding(c, catalog, decoded)).toList());
  }

  /** A consumer fed by the relay: each row decoded into its typed event. */
  private record Decoding(
      OutboxConsumer consumer, EventCatalog catalog, Cache<Long, Optional<PublishedEvent>> decoded)
      implements RelayTarget {

    @Override
    public String name() {
      return consumer.name();
    }

    /** Rows of a type no module here registered are passed over: no consumer here wants them. */
    @Override
    public void relay(List<OutboxRow> rows) {
      var events =
          rows.stream()
              .flatMap(row -> decoded.get(row.position(), p -> catalog.decodeIfKnown(row)).stream())
              .toList();
      if (!events.isEmpty()) {
        consumer.apply(events);
      }
    }
  }
}
