package io.rastro.outbox.bus;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.jspecify.annotations.Nullable;
import tools.jackson.databind.json.JsonMapper;

/**
 * A query role's way to the events published before its queues existed: it asks the ingest role's
 * outbox for them ({@code GET /api/v1/admin/outbox}, {@link OutboxReplayController}), in pages,
 * each event as the bus carried it.
 */
final class OutboxReplay {

  static final int PAGE = 1000;

  private final URI ingest;
  private final @Nullable String key;
  private final CloudEventCodec codec;
  private final JsonMapper json;
  private final HttpClient http =
      HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

  OutboxReplay(URI ingest, @Nullable String key, CloudEventCodec codec, JsonMapper json) {
    this.ingest = ingest;
    this.key = key;
    this.codec = codec;
    this.json = json;
  }

  /** What the ingest role answered when it could not give the events. */
  static final class Refused extends RuntimeException {
    Refused(String message, @Nullable Throwable cause) {
      super(message, cause);
    }
  }

  /**
   * Up to {@link #PAGE} events after this position, the first naming it as its predecessor; none
   * when the bus has carried nothing after it.
   *
   * @throws Refused when the ingest role does not answer, or answers anything but 200 (410 when its
   *     outbox no longer holds those events)
   */
  List<CloudEventCodec.Delivered> after(Mark mark) {
    var request =
        HttpRequest.newBuilder(
                ingest.resolve("/api/v1/admin/outbox?after=" + mark + "&limit=" + PAGE))
            .timeout(Duration.ofSeconds(30))
            .GET();
    if (key != null) {
      request.header("Authorization", "Bearer " + key);
    }
    HttpResponse<byte[]> response;
    try {
      response = http.send(request.build(), HttpResponse.BodyHandlers.ofByteArray());
    } catch (IOException e) {
      throw new Refused("the ingest role at " + ingest + " did not answer: " + e, e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new Refused("interrupted", e);
    }
    if (response.statusCode() != 200) {
      throw new Refused(
          "the ingest role at %s answered %d: %s"
              .formatted(
                  ingest,
                  response.statusCode(),
                  new String(response.body(), StandardCharsets.UTF_8)),
          null);
    }
    var events = new ArrayList<CloudEventCodec.Delivered>();
    for (var event : json.readTree(response.body()).path("events")) {
      events.add(codec.read(json.writeValueAsBytes(event)));
    }
    return events;
  }
}
