package io.rastro.feed;

import io.rastro.outbox.OutboxFeed;
import java.io.IOException;
import java.time.Duration;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.locks.LockSupport;
import org.jspecify.annotations.Nullable;
import org.springframework.beans.factory.DisposableBean;
import org.springframework.http.MediaType;
import org.springframework.stereotype.Component;
import org.springframework.web.servlet.mvc.method.annotation.SseEmitter;

/**
 * Streams of the feed as Server-Sent Events, one virtual thread each: it reads the events after the
 * last one sent, sends them, and when there are none waits a moment and asks again, with a comment
 * now and then so that proxies keep the connection. A stream ends after {@link #LIFETIME}; the
 * browser's {@code EventSource} (or any client) reconnects with {@code Last-Event-ID} and goes on
 * where it stopped.
 */
@Component
class FeedStreams implements DisposableBean {

  static final Duration LIFETIME = Duration.ofMinutes(10);
  private static final Duration POLL = Duration.ofMillis(200);
  private static final Duration HEARTBEAT = Duration.ofSeconds(15);
  private static final int BATCH = 500;

  private final OutboxFeed feed;
  private final ExecutorService threads = Executors.newVirtualThreadPerTaskExecutor();

  FeedStreams(OutboxFeed feed) {
    this.feed = feed;
  }

  /** A stream of the events after {@code after} (from now on when null) that pass the filter. */
  SseEmitter open(@Nullable String after, OutboxFeed.Filter filter) {
    var emitter = new SseEmitter(LIFETIME.toMillis());
    var start = after != null ? after : feed.end();
    threads.execute(() -> send(emitter, start, filter));
    return emitter;
  }

  private void send(SseEmitter emitter, String start, OutboxFeed.Filter filter) {
    var position = start;
    var deadline = System.nanoTime() + LIFETIME.toNanos() - POLL.toNanos();
    var quietSince = System.nanoTime();
    try {
      emitter.send(SseEmitter.event().comment("from " + start).reconnectTime(1000));
      while (System.nanoTime() < deadline) {
        var page = feed.after(position, BATCH, filter);
        for (var entry : page.entries()) {
          emitter.send(
              SseEmitter.event()
                  .id(entry.position())
                  .name(entry.type())
                  .data(entry.cloudEvent(), MediaType.APPLICATION_JSON));
        }
        var moved = !page.next().equals(position);
        position = page.next();
        if (!page.entries().isEmpty()) {
          quietSince = System.nanoTime();
        } else if (System.nanoTime() - quietSince > HEARTBEAT.toNanos()) {
          emitter.send(SseEmitter.event().comment("still here"));
          quietSince = System.nanoTime();
        }
        if (!moved) {
          LockSupport.parkNanos(POLL.toNanos());
        }
      }
      emitter.complete();
    } catch (IOException | IllegalStateException e) {
      emitter.completeWithError(e); // the client went away
    } catch (RuntimeException e) {
      emitter.completeWithError(e);
    }
  }

  @Override
  public void destroy() {
    threads.shutdownNow();
  }
}
