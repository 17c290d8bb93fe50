package io.rastro.platform.events;

import io.rastro.platform.OutboxConsumer;
import java.time.Instant;
import tools.jackson.databind.json.JsonMapper;

/**
 * Writes and reads domain events as CloudEvents 1.0 in the structured JSON format. Besides the
 * required attributes, each carries two extensions: {@code rastroposition}, its place in the
 * outbox's relay order, and {@code rastroprevious}, the place of the event published just before
 * it, so that a consumer can tell when it has everything up to a point.
 */
final class CloudEventCodec {

  static final String CONTENT_TYPE = "application/cloudevents+json";

  private final JsonMapper json;
  private final String source;

  CloudEventCodec(JsonMapper json, String source) {
    this.json = json;
    this.source = source;
  }

  /** An event as a consumer of the bus gets it, with the place of its predecessor. */
  record Delivered(OutboxConsumer.Record record, Mark previous) {

    Mark mark() {
      return new Mark(record.txid(), record.position());
    }
  }

  byte[] write(OutboxConsumer.Record event, Mark previous) {
    var envelope = json.createObjectNode();
    envelope.put("specversion", "1.0");
    envelope.put("id", Long.toString(event.position()));
    envelope.put("source", source);
    envelope.put("type", EventType.named(event.type()).cloudEventType());
    envelope.put("subject", event.subject());
    envelope.put("time", event.writtenAt().toString());
    envelope.put("datacontenttype", "application/json");
    envelope.put("rastroposition", new Mark(event.txid(), event.position()).toString());
    envelope.put("rastroprevious", previous.toString());
    envelope.set("data", json.readTree(event.data()));
    return json.writeValueAsBytes(envelope);
  }

  /**
   * Reads an event this codec wrote.
   *
   * @throws IllegalArgumentException when the body is not one
   */
  Delivered read(byte[] body) {
    try {
      var envelope = json.readTree(body);
      if (!"1.0".equals(envelope.path("specversion").asString(null))) {
        throw new IllegalArgumentException("not a CloudEvents 1.0 event");
      }
      var mark = Mark.parse(envelope.path("rastroposition").asString());
      var type = EventType.ofCloudEventType(envelope.path("type").asString());
      var record =
          new OutboxConsumer.Record(
              mark.txid(),
              mark.position(),
              type.name,
              envelope.path("subject").asString(),
              Instant.parse(envelope.path("time").asString()),
              json.writeValueAsString(envelope.required("data")));
      return new Delivered(record, Mark.parse(envelope.path("rastroprevious").asString()));
    } catch (RuntimeException e) {
      throw new IllegalArgumentException("Not a Rastro event: " + e.getMessage(), e);
    }
  }
}
