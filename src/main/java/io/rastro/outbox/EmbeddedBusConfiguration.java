package io.rastro.outbox;

import java.util.List;
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

  @Bean
  RelayTargets embeddedRelayTargets(List<OutboxConsumer> consumers, EventCatalog catalog) {
    return new RelayTargets(
        consumers.stream().<RelayTarget>map(c -> new Decoding(c, catalog)).toList());
  }

  /** A consumer fed by the relay: each row decoded into its typed event. */
  private record Decoding(OutboxConsumer consumer, EventCatalog catalog) implements RelayTarget {

    @Override
    public String name() {
      return consumer.name();
    }

    /** Rows of a type no module here registered are passed over: no consumer here wants them. */
    @Override
    public void relay(List<OutboxRow> rows) {
      var events = rows.stream().flatMap(row -> catalog.decodeIfKnown(row).stream()).toList();
      if (!events.isEmpty()) {
        consumer.apply(events);
      }
    }
  }
}
