package io.rastro.bench;

import io.rastro.shipment.TrackingNumber;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;

/**
 * Realistic tracking traffic: each shipment goes through a lifecycle of about four events, as in
 * the seed's 25,000 shipments to 100,000 events a day (info received, picked up, in transit at one
 * or two hubs, sometimes out for delivery, a failed attempt or an exception and return, delivered),
 * with a share of retries (the same event again), of late events (one sent before the one it
 * follows) and of events for tracking numbers no shipment has yet.
 */
final class Traffic {

  /**
   * @param duplicateShare share of events that repeat the previous one, as a client retry does
   * @param lateShare share of events sent before the event that precedes them
   * @param unknownShare share of events for tracking numbers that name no shipment yet
   */
  record Profile(double duplicateShare, double lateShare, double unknownShare) {

    static Profile realistic() {
      return new Profile(0.05, 0.05, 0.01);
    }
  }

  /** Events happen within the last year, whatever today is, so that none is in the future. */
  private final Instant epoch = Instant.now().minus(Duration.ofDays(330));

  /**
   * Ends every event id of this traffic, so that two traffics on the same shipments (one scenario
   * after another, or a second {@code bench/simulate}) send new events rather than duplicates of
   * the earlier ones: their ids would otherwise repeat, since they follow the lifecycle.
   */
  private final String tag =
      Long.toString(java.util.concurrent.ThreadLocalRandom.current().nextLong(1L << 40), 36);

  private final List<String> trackingNumbers;
  private final Profile profile;
  private final Random random;
  private final int[] step;
  private final int[] cycle;
  private final List<List<String>> lifecycles = new ArrayList<>();
  private int next;
  private Map<String, Object> previous;
  private Map<String, Object> held;

  Traffic(List<String> trackingNumbers, Profile profile, long seed) {
    this.trackingNumbers = trackingNumbers;
    this.profile = profile;
    this.random = new Random(seed);
    this.step = new int[trackingNumbers.size()];
    this.cycle = new int[trackingNumbers.size()];
    trackingNumbers.forEach(n -> lifecycles.add(lifecycle()));
  }

  /** The statuses one shipment goes through. */
  List<String> lifecycle() {
    var statuses = new ArrayList<>(List.of("INFO_RECEIVED", "PICKED_UP", "IN_TRANSIT"));
    if (random.nextDouble() < 0.15) {
      statuses.add("IN_TRANSIT");
    }
    var ending = random.nextDouble();
    if (ending < 0.05) {
      statuses.addAll(List.of("OUT_FOR_DELIVERY", "DELIVERY_ATTEMPTED", "DELIVERED"));
    } else if (ending < 0.08) {
      statuses.addAll(List.of("EXCEPTION", "RETURNED_TO_SENDER"));
    } else if (ending < 0.20) {
      statuses.addAll(List.of("OUT_FOR_DELIVERY", "DELIVERED"));
    } else {
      statuses.add("DELIVERED");
    }
    return statuses;
  }

  /** The next event to send, as its JSON body (with its tracking number). */
  synchronized Map<String, Object> next() {
    if (held != null) {
      var late = held;
      held = null;
      return remember(late);
    }
    var roll = random.nextDouble();
    if (previous != null && roll < profile.duplicateShare()) {
      return new LinkedHashMap<>(previous);
    }
    if (roll < profile.duplicateShare() + profile.unknownShare()) {
      var unknown = TrackingNumber.generate(random).value();
      return remember(event(unknown, unknown + "-0-" + tag, "INFO_RECEIVED", epoch));
    }
    var shipment = next++ % trackingNumbers.size();
    var event = lifecycleEvent(shipment);
    if (random.nextDouble() < profile.lateShare()
        && step[shipment] < lifecycles.get(shipment).size()) {
      held = event; // sent after the event that follows it
      return remember(lifecycleEvent(shipment));
    }
    return remember(event);
  }

  private Map<String, Object> lifecycleEvent(int shipment) {
    var statuses = lifecycles.get(shipment);
    if (step[shipment] == statuses.size()) {
      step[shipment] = 0;
      cycle[shipment]++;
      lifecycles.set(shipment, lifecycle());
    }
    var s = step[shipment]++;
    var number = trackingNumbers.get(shipment);
    var occurredAt =
        epoch.plus(Duration.ofDays(cycle[shipment] % 300)).plus(Duration.ofHours(6L * s));
    return event(
        number,
        number + "-" + cycle[shipment] + "-" + s + "-" + tag,
        lifecycles.get(shipment).get(s),
        occurredAt);
  }

  private Map<String, Object> remember(Map<String, Object> event) {
    previous = event;
    return event;
  }

  private static Map<String, Object> event(
      String trackingNumber, String eventId, String status, Instant occurredAt) {
    var event = new LinkedHashMap<String, Object>();
    event.put("trackingNumber", trackingNumber);
    event.put("eventId", eventId);
    event.put("status", status);
    event.put("occurredAt", occurredAt.toString());
    event.put("location", Map.of("city", "Madrid", "country", "ES"));
    return event;
  }
}
