package io.rastro.support;

import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Sustained tracking-event traffic against a Rastro, on the single and the batch endpoints, that
 * remembers every event the server acknowledged with a {@code 202}: what a test must find written,
 * exactly once, whatever happened in between. Bounded: it stops when told, or after ten minutes.
 */
public final class Load implements AutoCloseable {

  private static final long MAX_NANOS = 600_000_000_000L;

  private final Api api;
  private final List<String> trackingNumbers;
  private final String prefix;
  private final Set<String> accepted = ConcurrentHashMap.newKeySet();
  private final AtomicInteger refused = new AtomicInteger();
  private final AtomicInteger failed = new AtomicInteger();
  private final AtomicLong sequence = new AtomicLong();
  private final List<Thread> threads = new ArrayList<>();
  private volatile boolean running;

  public Load(Api api, List<String> trackingNumbers, String prefix) {
    this.api = api;
    this.trackingNumbers = trackingNumbers;
    this.prefix = prefix;
  }

  /** Starts sending: one event per request on some threads, batches of 100 on others. */
  public Load start(int singleThreads, int batchThreads) {
    running = true;
    var started = System.nanoTime();
    for (int i = 0; i < singleThreads + batchThreads; i++) {
      var batch = i >= singleThreads;
      threads.add(
          Thread.ofPlatform()
              .name("load-" + i)
              .start(
                  () -> {
                    while (running && System.nanoTime() - started < MAX_NANOS) {
                      send(batch ? 100 : 1);
                    }
                  }));
    }
    return this;
  }

  private void send(int events) {
    var sent = new ArrayList<Map<String, Object>>();
    for (int i = 0; i < events; i++) {
      var n = sequence.incrementAndGet();
      var event = new LinkedHashMap<String, Object>();
      event.put("trackingNumber", trackingNumbers.get((int) (n % trackingNumbers.size())));
      event.put("eventId", prefix + n);
      event.put("status", "IN_TRANSIT");
      event.put("occurredAt", Instant.parse("2026-11-20T00:00:00Z").plusSeconds(n).toString());
      sent.add(event);
    }
    try {
      var response =
          events == 1
              ? api.post(
                  "/api/v1/shipments/" + sent.getFirst().get("trackingNumber") + "/events",
                  sent.getFirst())
              : api.post("/api/v1/tracking-events", sent);
      if (response.status() == 202) {
        sent.forEach(e -> accepted.add((String) e.get("eventId")));
      } else if (response.status() == 503) {
        refused.incrementAndGet();
        pause();
      } else {
        failed.incrementAndGet();
      }
    } catch (RuntimeException e) {
      // The server is gone (killed): nothing was acknowledged.
      pause();
    }
  }

  private static void pause() {
    try {
      Thread.sleep(20);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  /** The ids of the events the server acknowledged so far. */
  public Set<String> accepted() {
    return Set.copyOf(accepted);
  }

  public int acceptedCount() {
    return accepted.size();
  }

  /** How many requests were answered 503: refused, so the sender knows to retry. */
  public int refused() {
    return refused.get();
  }

  /** How many requests got an answer other than 202 or 503. */
  public int failed() {
    return failed.get();
  }

  @Override
  public void close() {
    stop();
  }

  /** Stops sending and waits for the requests under way. */
  public void stop() {
    running = false;
    for (var thread : threads) {
      try {
        thread.join();
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
    }
  }
}
