package io.rastro.feed;

import io.rastro.outbox.OutboxFeed;
import io.rastro.platform.Caller;
import io.rastro.platform.InvalidRequestException;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import java.util.Arrays;
import java.util.List;
import java.util.UUID;
import org.jspecify.annotations.Nullable;
import org.springframework.http.MediaType;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.servlet.mvc.method.annotation.SseEmitter;
import tools.jackson.databind.json.JsonMapper;

/**
 * {@code GET /api/v1/events}: the caller's domain events after a position, in order, as
 * CloudEvents. A shipper's key sees the events of its customer's shipments only.
 */
@Tag(name = "Event feed")
@RestController
class FeedController {

  static final int MAX_LIMIT = 1000;

  private final OutboxFeed feed;
  private final FeedStreams streams;
  private final JsonMapper json;

  FeedController(OutboxFeed feed, FeedStreams streams, JsonMapper json) {
    this.feed = feed;
    this.streams = streams;
    this.json = json;
  }

  /**
   * A page of events, and the position to go on from, {@code next}. A page may come back shorter
   * than {@code limit} while more follow; the feed is read to its end when a page comes back empty
   * with {@code next} unchanged.
   */
  @Operation(
      operationId = "readEvents",
      summary = "The domain events in order, as a page or as Server-Sent Events")
  @GetMapping(value = "/api/v1/events", produces = MediaType.APPLICATION_JSON_VALUE)
  @FeedAnswers
  FeedPage page(
      @RequestParam(required = false) @Nullable String after,
      @RequestParam(defaultValue = "100") int limit,
      @RequestParam(required = false) @Nullable String types) {
    if (limit < 1 || limit > MAX_LIMIT) {
      throw new InvalidRequestException("limit", "must be between 1 and " + MAX_LIMIT);
    }
    var from = after == null ? null : OutboxFeed.validPosition(after, "after");
    var found = feed.after(from, limit, filter(types, Caller.customerScope().orElse(null)));
    return new FeedPage(
        found.entries().stream().map(entry -> json.readTree(entry.cloudEvent())).toList(),
        found.next());
  }

  /**
   * The same events as Server-Sent Events, each with its position as {@code id} and its type as
   * {@code event}, as they come; a reconnecting client resumes after {@code Last-Event-ID}.
   */
  @Operation(
      operationId = "readEvents",
      summary = "The domain events in order, as a page or as Server-Sent Events")
  @GetMapping(value = "/api/v1/events", produces = MediaType.TEXT_EVENT_STREAM_VALUE)
  @FeedAnswers
  SseEmitter stream(
      @RequestParam(required = false) @Nullable String after,
      @RequestParam(required = false) @Nullable String types,
      @RequestHeader(name = "Last-Event-ID", required = false) @Nullable String lastEventId) {
    var resume = lastEventId != null ? lastEventId : after;
    var from =
        resume == null
            ? null
            : OutboxFeed.validPosition(resume, lastEventId != null ? "Last-Event-ID" : "after");
    return streams.open(from, filter(types, Caller.customerScope().orElse(null)));
  }

  /** The events of these types, of this customer's shipments when it is set. */
  private static OutboxFeed.Filter filter(@Nullable String types, @Nullable UUID customer) {
    List<String> wanted =
        types == null || types.isBlank()
            ? List.of()
            : Arrays.stream(types.split(",")).map(String::strip).filter(t -> !t.isEmpty()).toList();
    return customer == null
        ? new OutboxFeed.Filter(wanted, null, List.of())
        : new OutboxFeed.Filter(
            wanted,
            "o.subject in (select tracking_number from shipments where customer_id = ?)",
            List.of(customer));
  }
}
