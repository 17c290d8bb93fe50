package io.rastro.platform.events;

import java.util.Arrays;

/**
 * The domain events Rastro publishes, with their routing keys on the bus and their CloudEvents
 * {@code type}, which carries the version of their {@code data}.
 */
enum EventType {
  SHIPMENT_CREATED("ShipmentCreated", "shipment.created"),
  TRACKING_EVENT_RECORDED("TrackingEventRecorded", "tracking.recorded"),
  SHIPMENT_STATUS_CHANGED("ShipmentStatusChanged", "shipment.status-changed"),
  SHIPMENT_DELIVERED("ShipmentDelivered", "shipment.delivered");

  private static final String VERSION = "v1";

  /** The name the outbox records it under. */
  final String name;

  /** The routing key on the topic exchange. */
  final String routingKey;

  EventType(String name, String routingKey) {
    this.name = name;
    this.routingKey = routingKey;
  }

  /** Such as {@code io.rastro.shipment.created.v1}. */
  String cloudEventType() {
    return "io.rastro." + routingKey + "." + VERSION;
  }

  static EventType named(String name) {
    return Arrays.stream(values())
        .filter(type -> type.name.equals(name))
        .findFirst()
        .orElseThrow(() -> new IllegalArgumentException("No such domain event: " + name));
  }

  static EventType ofCloudEventType(String cloudEventType) {
    return Arrays.stream(values())
        .filter(type -> type.cloudEventType().equals(cloudEventType))
        .findFirst()
        .orElseThrow(
            () -> new IllegalArgumentException("Not a Rastro event type: " + cloudEventType));
  }
}
