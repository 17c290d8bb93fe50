package io.rastro.webhooks.internal;

import io.rastro.platform.InvalidRequestException;
import io.rastro.webhooks.WebhookProperties;
import java.io.IOException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.locks.LockSupport;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.SmartLifecycle;
import org.springframework.stereotype.Component;

/**
 * Sends the deliveries that are due, each endpoint's in a {@link Lane} of its own with at most
 * {@code rastro.webhooks.concurrency-per-endpoint} under way, so that a slow or dead endpoint holds
 * up only itself; an endpoint whose lane is full gets no more claimed until it drains. A delivery
 * is leased while in its lane: if this instance dies, it is sent again later (at least once). No
 * redirect is followed; the target is checked again before every attempt. What each attempt came to
 * is written by {@link Outcomes}, many at a time.
 */
@Component
class WebhookSender implements SmartLifecycle {

  private static final Logger log = LoggerFactory.getLogger(WebhookSender.class);
  private static final int CLAIM = 200;
  private static final Duration POLL = Duration.ofMillis(50);

  /** How many rounds of the endpoint's concurrency a lane holds before it takes no more. */
  private static final int LANE_ROUNDS = 4;

  private final Deliveries deliveries;
  private final WebhookEndpoints endpoints;
  private final Outcomes outcomes;
  private final WebhookProperties properties;
  private final Clock clock;
  private final DeliveryClient http;
  private final Map<UUID, Lane> lanes = new ConcurrentHashMap<>();
  private final ExecutorService attempts = Executors.newVirtualThreadPerTaskExecutor();
  private volatile boolean running;
  private volatile Thread loop = Thread.ofVirtual().unstarted(() -> {});

  WebhookSender(
      Deliveries deliveries,
      WebhookEndpoints endpoints,
      Outcomes outcomes,
      WebhookProperties properties,
      Clock clock) {
    this.deliveries = deliveries;
    this.endpoints = endpoints;
    this.outcomes = outcomes;
    this.properties = properties;
    this.clock = clock;
    this.http = new DeliveryClient(properties);
  }

  /**
   * How long a claimed delivery is kept from other instances: long enough for a full lane to be
   * sent when every attempt takes the whole timeout, and one more.
   */
  private Duration lease() {
    return properties.timeout().multipliedBy(LANE_ROUNDS + 1L);
  }

  /** Claims at once, without waiting for the next poll: deliveries were just made. */
  void wake() {
    LockSupport.unpark(loop);
  }

  private void run() {
    var lastSweep = Instant.EPOCH;
    var capacity = properties.concurrencyPerEndpoint() * LANE_ROUNDS;
    while (running) {
      try {
        var now = clock.instant();
        if (Duration.between(lastSweep, now).toMinutes() >= 1) {
          lastSweep = now;
          var disabled =
              endpoints.disableFailingSince(
                  now.minus(properties.giveUpAfter()),
                  "every delivery failed for " + properties.giveUpAfter());
          if (disabled > 0) {
            log.warn("Disabled {} webhook endpoint(s) that failed for too long", disabled);
          }
        }
        var full =
            lanes.entrySet().stream()
                .filter(lane -> lane.getValue().backlog() >= capacity)
                .map(Map.Entry::getKey)
                .toList();
        var due = deliveries.claim(CLAIM, now, lease(), full);
        for (var delivery : due) {
          lanes
              .computeIfAbsent(
                  delivery.endpointId(),
                  id -> new Lane(properties.concurrencyPerEndpoint(), attempts, this::send))
              .offer(delivery);
        }
        if (due.size() < CLAIM) {
          LockSupport.parkNanos(POLL.toNanos());
        }
      } catch (RuntimeException e) {
        log.warn("Could not take webhook deliveries; trying again: {}", e.toString());
        LockSupport.parkNanos(Duration.ofSeconds(1).toNanos());
      }
    }
  }

  private void send(Deliveries.Due delivery) {
    try {
      var attempt = attempt(delivery);
      if (attempt != null) {
        outcomes.add(attempt);
      }
    } catch (RuntimeException e) {
      // the lease runs out and the delivery is tried again
      log.warn("Webhook delivery {} could not be attempted", delivery.id(), e);
    }
  }

  /**
   * One attempt of one delivery, and what follows from its answer; null when it was cut short by
   * shutting down.
   */
  @Nullable Attempt attempt(Deliveries.Due delivery) {
    var now = clock.instant();
    Integer status = null;
    String error = null;
    var retriable = true;
    Duration retryAfter = null;
    try {
      var target = Targets.check(delivery.url(), properties.allowPrivateTargets());
      var timestamp = now.getEpochSecond();
      var answer =
          http.post(
              target,
              Map.of(
                  "webhook-id",
                  delivery.id(),
                  "webhook-timestamp",
                  Long.toString(timestamp),
                  "webhook-signature",
                  Signatures.header(
                      delivery.secrets(), delivery.id(), timestamp, delivery.payload())),
              delivery.payload());
      status = answer.status();
      if (status / 100 != 2) {
        error = "answered " + status;
        retriable = status >= 500 || status == 429;
        retryAfter = answer.retryAfter() == null ? null : seconds(answer.retryAfter());
      }
    } catch (InvalidRequestException e) {
      error = "refused target: " + e.getMessage();
    } catch (IOException e) {
      if (!running) {
        return null; // shutting down: the lease runs out and the delivery is sent again
      }
      error = e.getClass().getSimpleName() + ": " + e.getMessage();
    }
    var delivered = error == null;
    var next =
        delivered || !retriable
            ? null
            : nextAttempt(delivery.attempts() + 1, delivery.firstAt(), now, retryAfter);
    return new Attempt(delivery.id(), delivery.endpointId(), delivered, status, error, now, next);
  }

  /**
   * When to try again after {@code made} attempts: the configured delays, then every {@code
   * retry-every}, each ±20 %, or later if the endpoint asked so; never once {@code give-up-after}
   * has passed since the delivery was made.
   */
  @Nullable Instant nextAttempt(int made, Instant firstAt, Instant now, @Nullable Duration asked) {
    var delays = properties.retryDelays();
    var delay = made <= delays.size() ? delays.get(made - 1) : properties.retryEvery();
    var jittered =
        Duration.ofMillis(
            Math.round(delay.toMillis() * ThreadLocalRandom.current().nextDouble(0.8, 1.2)));
    if (asked != null && asked.compareTo(jittered) > 0) {
      jittered = asked;
    }
    var next = now.plus(jittered);
    return next.isAfter(firstAt.plus(properties.giveUpAfter())) ? null : next;
  }

  private static @Nullable Duration seconds(String retryAfter) {
    try {
      return Duration.ofSeconds(Math.max(0, Long.parseLong(retryAfter.strip())));
    } catch (NumberFormatException e) {
      return null; // an HTTP date: keep the schedule
    }
  }

  @Override
  public void start() {
    running = true;
    loop = Thread.ofVirtual().name("webhook-sender").start(this::run);
  }

  @Override
  public void stop() {
    running = false;
    loop.interrupt();
    attempts.shutdownNow();
    try {
      http.close();
    } catch (IOException e) {
      log.debug("Closing the webhook client: {}", e.toString());
    }
  }

  @Override
  public boolean isRunning() {
    return running;
  }
}
