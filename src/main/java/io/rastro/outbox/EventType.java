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
 * @param internal whether only Rastro's own roles take it from the bus (the API keys a query role
 *     honours): the change feed, webhooks and the list of published types leave it out
 */
public record EventType<T extends DomainEvent>(
    Class<T> record, String name, String routingKey, int version, boolean internal) {

  private static final Pattern ROUTING_KEY = Pattern.compile("[a-z]+(\\.[a-z-]+)+");

  public EventType {
    if (!ROUTING_KEY.matcher(routingKey).matches()) {
      throw new IllegalArgumentException("Not a routing key: " + routingKey);
    }
    if (version < 1) {
      throw new IllegalArgumentException("Event versions start at 1: " + name);
    }
  }

  /** A published type: the change feed and webhooks offer it. */
  public EventType(Class<T> record, String name, String routingKey, int version) {
    this(record, name, routingKey, version, false);
  }

  /**
   * Its CloudEvents {@code type}, which carries the version: {@code io.rastro.shipment.created.v1}.
   */
  public String cloudEventType() {
    return "io.rastro." + routingKey + ".v" + version;
  }
}
