package io.rastro.outbox;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Where the domain events go once the outbox has them.
 *
 * @param bus {@code embedded}: from the outbox straight to the in-process consumers (the
 *     projection), no broker; {@code rabbitmq}: published to a topic exchange, from which the
 *     projection and any other system consume
 * @param exchange the topic exchange events are published to
 * @param source the CloudEvents {@code source} of every event, naming this Rastro deployment
 */
@ConfigurationProperties("rastro.events")
public record EventBusProperties(
    @DefaultValue("embedded") Bus bus,
    @DefaultValue("rastro.events") String exchange,
    @DefaultValue("/rastro") String source) {

  /** The buses events can travel on. */
  public enum Bus {
    EMBEDDED,
    RABBITMQ
  }

  /** The queue from which a consumer of this Rastro takes the bus's events. */
  public String queueOf(String consumer) {
    return exchange + "." + consumer;
  }
}
