package io.rastro.outbox.bus;

import io.rastro.outbox.EventCatalog;
import io.rastro.outbox.OutboxRow;
import io.rastro.outbox.PublishedEvent;
import java.time.Instant;
import org.jspecify.annotations.Nullable;
import tools.jackson.databind.json.JsonMapper;

/**
 * Writes and reads domain events as CloudEvents 1.0 in the structured JSON format. Besides the
 * required attributes, each carries two extensions: {@code rastroposition}, its place in the
 * outbox's relay order, and {@code rastroprevious}, the place of the event published just before
 * it, so that a consumer can tell when it has everything up to a point.
 */
public final class CloudEventCodec {

  static final String CONTENT_TYPE = "application/cloudevents+json";

  private final JsonMapper json;
  private final EventCatalog catalog;
  private final String source;

  public CloudEventCodec(JsonMapper json, EventCatalog catalog, String source) {
    this.json = json;
    this.catalog = catalog;
    this.source = source;
  }

  /**
   * An event as a consumer of the bus gets it: its place, the place of its predecessor, and the
   * typed event, which is null when no module of this Rastro registered its type (an event of a
   * newer version): its place still counts in the chain.
   */
  record Delivered(Mark mark, Mark previous, Instant writtenAt, @Nullable PublishedEvent event) {

    Delivered(PublishedEvent event, Mark previous) {
      this(new Mark(event.txid(), event.position()), previous, event.writtenAt(), event);
    }
  }

  public byte[] write(OutboxRow event, Mark previous) {
    var envelope = json.createObjectNode();
    envelope.put("specversion", "1.0");
    envelope.put("id", Long.toString(event.position()));
    envelope.put("source", source);
    envelope.put("type", catalog.named(event.type()).cloudEventType());
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
      var previous = Mark.parse(envelope.path("rastroprevious").asString());
      var writtenAt = Instant.parse(envelope.path("time").asString());
      var cloudEventType = envelope.path("type").asString();
      if (!catalog.knowsCloudEventType(cloudEventType)) {
        return new Delivered(mark, previous, writtenAt, null);
      }
      var record =
          new OutboxRow(
              mark.txid(),
              mark.position(),
              catalog.ofCloudEventType(cloudEventType).name(),
              envelope.path("subject").asString(),
              writtenAt,
              json.writeValueAsString(envelope.required("data")));
      return new Delivered(mark, previous, writtenAt, catalog.decode(record));
    } catch (RuntimeException e) {
      throw new IllegalArgumentException("Not a Rastro event: " + e.getMessage(), e);
    }
  }
}
