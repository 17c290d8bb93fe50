package io.rastro.feed;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.jspecify.annotations.Nullable;

/** A Server-Sent Events client for the tests: the events a stream sends, as they come. */
final class EventStream implements AutoCloseable {

  /** One event: its {@code id}, {@code event} name and {@code data}. */
  record Event(@Nullable String id, @Nullable String name, String data) {}

  private final BlockingQueue<Event> events = new LinkedBlockingQueue<>();
  private final Stream<String> lines;
  private final int status;

  private EventStream(HttpResponse<Stream<String>> response) {
    this.status = response.statusCode();
    this.lines = response.body();
    Thread.ofVirtual().start(this::read);
  }

  static EventStream open(String url, @Nullable String key, @Nullable String lastEventId) {
    var request =
        HttpRequest.newBuilder(URI.create(url))
            .header("Accept", "text/event-stream")
            .timeout(Duration.ofMinutes(5));
    if (key != null) {
      request.header("Authorization", "Bearer " + key);
    }
    if (lastEventId != null) {
      request.header("Last-Event-ID", lastEventId);
    }
    try {
      return new EventStream(
          HttpClient.newHttpClient().send(request.build(), HttpResponse.BodyHandlers.ofLines()));
    } catch (IOException e) {
      throw new IllegalStateException(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }

  int status() {
    return status;
  }

  private void read() {
    String id = null;
    String name = null;
    var data = new StringBuilder();
    try {
      for (var line : (Iterable<String>) lines::iterator) {
        if (line.isEmpty()) {
          if (!data.isEmpty() || name != null) {
            events.add(new Event(id, name, data.toString()));
          }
          id = null;
          name = null;
          data.setLength(0);
        } else if (line.startsWith("id:")) {
          id = line.substring(3).strip();
        } else if (line.startsWith("event:")) {
          name = line.substring(6).strip();
        } else if (line.startsWith("data:")) {
          data.append(line.substring(5).strip());
        }
      }
    } catch (RuntimeException e) {
      // the stream was closed
    }
  }

  /** The next {@code count} events, waiting for them at most {@code timeout} in all. */
  List<Event> take(int count, Duration timeout) throws InterruptedException {
    var deadline = System.nanoTime() + timeout.toNanos();
    var taken = new ArrayList<Event>();
    while (taken.size() < count) {
      var event = events.poll(deadline - System.nanoTime(), TimeUnit.NANOSECONDS);
      if (event == null) {
        throw new AssertionError("only " + taken.size() + " of " + count + " events: " + taken);
      }
      taken.add(event);
    }
    return taken;
  }

  @Override
  public void close() {
    lines.close();
  }
}
