package io.rastro.tracking.commands;

import io.rastro.platform.InvalidRequestException;
import io.rastro.platform.JsonErrors;
import io.rastro.platform.PayloadTooLargeException;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.media.ArraySchema;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.servlet.http.HttpServletRequest;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Supplier;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** The web adapter of {@link RecordTrackingEvent}: one event, or a batch as JSON or NDJSON. */
@Tag(name = "Tracking events")
@RestController
class RecordTrackingEventController {

  static final String NDJSON = "application/x-ndjson";
  static final int MAX_ITEMS = 10_000;
  static final int MAX_BYTES = 16 * 1024 * 1024;

  private final RecordTrackingEventsHandler handler;
  private final JsonMapper json;

  RecordTrackingEventController(RecordTrackingEventsHandler handler, JsonMapper json) {
    this.handler = handler;
    this.json = json;
  }

  @Operation(
      operationId = "recordTrackingEvent",
      summary = "Accepts one tracking event of a shipment")
  @PostMapping("/api/v1/shipments/{trackingNumber}/events")
  @ResponseStatus(HttpStatus.ACCEPTED)
  EventAccepted record(
      @PathVariable String trackingNumber, @RequestBody RecordTrackingEvent event) {
    return handler.recordOne(trackingNumber, event);
  }

  @Operation(
      operationId = "recordTrackingEvents",
      summary = "Accepts a batch of tracking events (JSON array or NDJSON)")
  @PostMapping(
      value = "/api/v1/tracking-events",
      consumes = {MediaType.APPLICATION_JSON_VALUE, NDJSON})
  @ResponseStatus(HttpStatus.ACCEPTED)
  @io.swagger.v3.oas.annotations.parameters.RequestBody(
      required = true,
      description = "The events: a JSON array, or one JSON object a line",
      content = {
        @Content(
            mediaType = MediaType.APPLICATION_JSON_VALUE,
            array = @ArraySchema(schema = @Schema(implementation = RecordTrackingEvent.class))),
        @Content(mediaType = NDJSON, schema = @Schema(type = "string"))
      })
  @ApiResponse(responseCode = "413", description = "Over 10,000 events or 16 MiB")
  BatchAccepted recordBatch(HttpServletRequest request) throws IOException {
    var body = read(request);
    var nodes =
        MediaType.parseMediaType(request.getContentType())
                .isCompatibleWith(MediaType.APPLICATION_JSON)
            ? array(body)
            : lines(body);
    if (nodes.size() > MAX_ITEMS) {
      throw new PayloadTooLargeException(
          "A batch holds at most %d events; this one has %d".formatted(MAX_ITEMS, nodes.size()));
    }
    return handler.recordAll(nodes);
  }

  private static byte[] read(HttpServletRequest request) throws IOException {
    if (request.getContentLengthLong() > MAX_BYTES) {
      throw tooLarge();
    }
    var body = request.getInputStream().readNBytes(MAX_BYTES + 1);
    if (body.length > MAX_BYTES) {
      throw tooLarge();
    }
    return body;
  }

  private static PayloadTooLargeException tooLarge() {
    return new PayloadTooLargeException("A batch is at most 16 MiB; split it");
  }

  private List<Supplier<RecordTrackingEvent>> array(byte[] body) {
    JsonNode root;
    try {
      root = json.readTree(body);
    } catch (JacksonException e) {
      throw new InvalidRequestException(List.of(JsonErrors.describe(e, "")));
    }
    if (root == null || !root.isArray()) {
      throw new InvalidRequestException("$", "must be a JSON array of events");
    }
    var items = new ArrayList<Supplier<RecordTrackingEvent>>(root.size());
    root.forEach(node -> items.add(() -> convert(node)));
    return items;
  }

  private List<Supplier<RecordTrackingEvent>> lines(byte[] body) {
    return new String(body, StandardCharsets.UTF_8)
        .lines()
        .filter(line -> !line.isBlank())
        .<Supplier<RecordTrackingEvent>>map(line -> () -> convert(line))
        .toList();
  }

  private RecordTrackingEvent convert(String line) {
    try {
      return convert(json.readTree(line));
    } catch (JacksonException e) {
      throw new InvalidRequestException(List.of(JsonErrors.describe(e, "")));
    }
  }

  private RecordTrackingEvent convert(JsonNode node) {
    if (!node.isObject()) {
      throw new InvalidRequestException("$", "must be a JSON object, one event");
    }
    try {
      return json.treeToValue(node, RecordTrackingEvent.class);
    } catch (JacksonException e) {
      throw new InvalidRequestException(List.of(JsonErrors.describe(e, "")));
    }
  }
}
