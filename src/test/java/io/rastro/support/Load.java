package io.rastro.support;

import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Queue;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Sustained tracking-event traffic against a Rastro, on the single and the batch endpoints, that
 * remembers every event the server acknowledged with a {@code 202}: what a test must find written,
 * exactly once, whatever happened in between. Bounded: it stops when told, or after ten minutes. A
 * request that gets no answer is a failure, unless the test said the server was going away.
 */
public final class Load implements AutoCloseable {

  private static final long MAX_NANOS = 600_000_000_000L;

  private final Api api;
  private final List<String> trackingNumbers;
  private final String prefix;
  private final Set<String> accepted = ConcurrentHashMap.newKeySet();
  private final AtomicInteger refused = new AtomicInteger();
  private final AtomicInteger failed = new AtomicInteger();
  private final Queue<String> failures = new ConcurrentLinkedQueue<>();
  private final AtomicLong sequence = new AtomicLong();
  private final List<Thread> threads = new ArrayList<>();
  private volatile boolean running;
  private volatile boolean serverGoing;
  private volatile boolean held;

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
                      if (held) {
                        pause();
                      } else {
                        send(batch ? 100 : 1);
                      }
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
        fail(response.status() + " " + response.raw());
      }
    } catch (RuntimeException e) {
      // No answer: nothing was acknowledged; a failure unless the server was meant to go.
      if (!serverGoing) {
        fail(e.toString());
      }
      pause();
    }
  }

  private void fail(String what) {
    if (failed.incrementAndGet() <= 10) {
      failures.add(what);
    }
  }

  /** Stops sending new requests until {@link #resume()}, leaving the cores to something else. */
  public void hold() {
    held = true;
  }

  public void resume() {
    held = false;
  }

  /** The server is about to go away (killed): requests left unanswered from now on are expected. */
  public void serverGoing() {
    serverGoing = true;
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

  /**
   * How many requests got an answer other than 202 or 503, or no answer while the server was meant
   * to be up.
   */
  public int failed() {
    return failed.get();
  }

  /** The first ten failures, each as its status and body or as the error that replaced them. */
  public List<String> failures() {
    return List.copyOf(failures);
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
