package io.rastro.outbox;

import io.rastro.platform.Role;
import java.util.Optional;
import org.jspecify.annotations.Nullable;
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
 * @param group the consumers whose queues these are: every process of one group shares each of its
 *     consumers' queues, one of them at a time applying (RabbitMQ's single active consumer), so
 *     processes on one database form one group and another database needs another group; by default
 *     none with {@code rastro.role=all} (the queues are {@code <exchange>.<consumer>}), and the
 *     role's name in a split role ({@code <exchange>.query.<consumer>})
 */
@ConfigurationProperties("rastro.events")
public record EventBusProperties(
    @DefaultValue("embedded") Bus bus,
    @DefaultValue("rastro.events") String exchange,
    @DefaultValue("/rastro") String source,
    @Nullable String group) {

  /** The buses events can travel on. */
  public enum Bus {
    EMBEDDED,
    RABBITMQ
  }

  /**
   * The group of this process's consumers: the one set, or else none in {@code rastro.role=all} and
   * the role's name in a split role.
   */
  public Optional<String> groupIn(Role role) {
    if (group != null && !group.isBlank()) {
      return Optional.of(group.strip());
    }
    return role == Role.ALL ? Optional.empty() : Optional.of(role.setting());
  }

  /** The queue from which a consumer of this Rastro, in this role, takes the bus's events. */
  public String queueOf(String consumer, Role role) {
    return groupIn(role)
        .map(g -> exchange + "." + g + "." + consumer)
        .orElse(exchange + "." + consumer);
  }
}
