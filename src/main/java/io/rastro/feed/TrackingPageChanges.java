package io.rastro.feed;

import io.rastro.outbox.OutboxFeed;
import java.io.IOException;
import java.time.Duration;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.locks.LockSupport;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.SmartLifecycle;
import org.springframework.stereotype.Component;
import org.springframework.web.servlet.mvc.method.annotation.SseEmitter;

/**
 * Tells open tracking pages that their shipment changed, so that they fetch it again at once
 * instead of asking every few seconds. One thread reads the feed for all of them and sends each
 * page only {@code changed}, nothing of the event itself: the page is public and shows what the
 * public tracking API shows.
 */
@Component
class TrackingPageChanges implements SmartLifecycle {

  static final Duration LIFETIME = Duration.ofMinutes(10);
  private static final Duration POLL = Duration.ofMillis(200);
  private static final Logger log = LoggerFactory.getLogger(TrackingPageChanges.class);

  private final OutboxFeed feed;
  private final Map<String, Set<SseEmitter>> pages = new ConcurrentHashMap<>();
  private volatile boolean running;
  private volatile Thread reader = Thread.ofVirtual().unstarted(() -> {});

  TrackingPageChanges(OutboxFeed feed) {
    this.feed = feed;
  }

  /** A stream that says {@code changed} whenever an event of this shipment is written. */
  SseEmitter watch(String trackingNumber) {
    var emitter = new SseEmitter(LIFETIME.toMillis());
    var watchers = pages.computeIfAbsent(trackingNumber, n -> ConcurrentHashMap.newKeySet());
    watchers.add(emitter);
    Runnable forget =
        () -> {
          watchers.remove(emitter);
          pages.computeIfPresent(trackingNumber, (n, set) -> set.isEmpty() ? null : set);
        };
    emitter.onCompletion(forget);
    emitter.onTimeout(forget);
    emitter.onError(e -> forget.run());
    try {
      emitter.send(SseEmitter.event().comment("watching").reconnectTime(2000));
    } catch (IOException e) {
      forget.run();
    }
    return emitter;
  }

  private void read() {
    var position = feed.end();
    while (running) {
      try {
        if (pages.isEmpty()) {
          position = feed.end();
          LockSupport.parkNanos(POLL.toNanos());
          continue;
        }
        var page = feed.after(position, 1000, OutboxFeed.Filter.all());
        for (var entry : page.entries()) {
          tell(entry.subject());
        }
        if (page.next().equals(position)) {
          LockSupport.parkNanos(POLL.toNanos());
        }
        position = page.next();
      } catch (RuntimeException e) {
        log.warn("Could not read the feed for the tracking pages; trying again: {}", e.toString());
        LockSupport.parkNanos(Duration.ofSeconds(1).toNanos());
      }
    }
  }

  private void tell(String trackingNumber) {
    for (var emitter : pages.getOrDefault(trackingNumber, Set.of())) {
      try {
        emitter.send(SseEmitter.event().name("changed").data("{}"));
      } catch (IOException | IllegalStateException e) {
        emitter.completeWithError(e);
      }
    }
  }

  @Override
  public void start() {
    running = true;
    reader = Thread.ofVirtual().name("tracking-page-changes").start(this::read);
  }

  @Override
  public void stop() {
    running = false;
    reader.interrupt();
    pages.values().forEach(set -> set.forEach(SseEmitter::complete));
    pages.clear();
  }

  @Override
  public boolean isRunning() {
    return running;
  }
}
