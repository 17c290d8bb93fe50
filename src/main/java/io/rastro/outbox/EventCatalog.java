package io.rastro.outbox;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.springframework.stereotype.Component;
import tools.jackson.databind.json.JsonMapper;

/**
 * The event types the modules registered, and the one place where an event becomes JSON and JSON
 * becomes an event again.
 */
@Component
public class EventCatalog {

  private final JsonMapper json;
  private final Map<Class<?>, EventType<?>> byRecord = new HashMap<>();
  private final Map<String, EventType<?>> byName = new HashMap<>();
  private final Map<String, EventType<?>> byCloudEventType = new HashMap<>();

  /** A catalog of these types; Rastro builds its own from every registered {@link EventType}. */
  public EventCatalog(JsonMapper json, List<EventType<?>> types) {
    this.json = json;
    for (var type : types) {
      register(byRecord, type.record(), type);
      register(byName, type.name(), type);
      register(byCloudEventType, type.cloudEventType(), type);
    }
  }

  private static <K> void register(Map<K, EventType<?>> index, K key, EventType<?> type) {
    var earlier = index.putIfAbsent(key, type);
    if (earlier != null) {
      throw new IllegalStateException(
          "Two event types registered as " + key + ": " + earlier + " and " + type);
    }
  }

  /** An event as the outbox records it: its type's name, its subject and its data as JSON. */
  public record Encoded(String type, String subject, String data) {}

  public Encoded encode(DomainEvent event) {
    var type = typeOf(event);
    return new Encoded(type.name(), event.subject(), json.writeValueAsString(event));
  }

  /**
   * The typed event a row holds.
   *
   * @throws IllegalArgumentException when its type is not registered or its data does not fit it
   */
  public PublishedEvent decode(OutboxRow row) {
    return decode(row, named(row.type()));
  }

  /**
   * The typed event a row holds, or nothing when no module of this Rastro registered its type (a
   * newer version's event, say): no consumer here can want it.
   *
   * @throws IllegalArgumentException when its data does not fit its registered type
   */
  public Optional<PublishedEvent> decodeIfKnown(OutboxRow row) {
    var type = byName.get(row.type());
    return type == null ? Optional.empty() : Optional.of(decode(row, type));
  }

  /**
   * The type of a registered event.
   *
   * @throws IllegalArgumentException when its record is not a registered event type
   */
  public EventType<?> typeOf(DomainEvent event) {
    var type = byRecord.get(event.getClass());
    if (type == null) {
      throw new IllegalArgumentException("Not a registered event type: " + event.getClass());
    }
    return type;
  }

  /** Every published CloudEvents type, sorted: the internal ones left out. */
  public List<String> cloudEventTypes() {
    return byCloudEventType.values().stream()
        .filter(t -> !t.internal())
        .map(EventType::cloudEventType)
        .sorted()
        .toList();
  }

  /** Whether a module registered a published (not internal) type of this name. */
  public boolean publishes(String name) {
    var type = byName.get(name);
    return type != null && !type.internal();
  }

  /** Whether a module registered this CloudEvents type as published (not internal). */
  public boolean publishesCloudEventType(String cloudEventType) {
    var type = byCloudEventType.get(cloudEventType);
    return type != null && !type.internal();
  }

  /** Whether a module registered this CloudEvents type. */
  public boolean knowsCloudEventType(String cloudEventType) {
    return byCloudEventType.containsKey(cloudEventType);
  }

  private PublishedEvent decode(OutboxRow row, EventType<?> type) {
    try {
      DomainEvent event = json.readValue(row.data(), type.record());
      return new PublishedEvent(row.txid(), row.position(), row.writtenAt(), event);
    } catch (RuntimeException e) {
      throw new IllegalArgumentException(
          "Not a " + type.cloudEventType() + " event: " + e.getMessage(), e);
    }
  }

  /**
   * The type registered under this name.
   *
   * @throws IllegalArgumentException when no module registered a type of that name
   */
  public EventType<?> named(String name) {
    var type = byName.get(name);
    if (type == null) {
      throw new IllegalArgumentException("No such domain event: " + name);
    }
    return type;
  }

  /**
   * The type registered with this CloudEvents {@code type}.
   *
   * @throws IllegalArgumentException when no module registered that CloudEvents type
   */
  public EventType<?> ofCloudEventType(String cloudEventType) {
    var type = byCloudEventType.get(cloudEventType);
    if (type == null) {
      throw new IllegalArgumentException("Not a Rastro event type: " + cloudEventType);
    }
    return type;
  }
}
