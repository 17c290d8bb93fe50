package io.rastro.outbox;

import java.util.regex.Pattern;

/**
 * A kind of domain event, registered as a bean by the module that owns its record: its name in the
 * outbox, its routing key on the bus, and the version of its JSON. A change to the JSON of a
 * published version is a new version.
 *
 * @param record the record that is the event
 * @param name the name the outbox records it under, such as {@code ShipmentCreated}
 * @param routingKey the routing key on the topic exchange, such as {@code shipment.created}
 * @param version the version of its {@code data}, from 1
 */
public record EventType<T extends DomainEvent>(
    Class<T> record, String name, String routingKey, int version) {

  private static final Pattern ROUTING_KEY = Pattern.compile("[a-z]+(\\.[a-z-]+)+");

  public EventType {
    if (!ROUTING_KEY.matcher(routingKey).matches()) {
      throw new IllegalArgumentException("Not a routing key: " + routingKey);
    }
    if (version < 1) {
      throw new IllegalArgumentException("Event versions start at 1: " + name);
    }
  }

  /**
   * Its CloudEvents {@code type}, which carries the version: {@code io.rastro.shipment.created.v1}.
   */
  public String cloudEventType() {
    return "io.rastro." + routingKey + ".v" + version;
  }
}
