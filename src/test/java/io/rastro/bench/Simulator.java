package io.rastro.bench;

import io.rastro.support.Api;
import io.rastro.support.Reliability;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Plays realistic tracking traffic against a running Rastro over HTTP, open-loop at a target rate
 * (requests are due on a schedule, and latency counts from when a request was due, so a slow server
 * cannot hide its queueing): {@code bench/simulate --scale 100 --minutes 5}. The rate is a multiple
 * of the seed's load ({@code --scale}, where 1 is 100,000 events a day) or an explicit {@code
 * --events-per-second}; {@code --peaks} shapes it like a day, compressed into the run; {@code
 * --batch} sends that many events per request to the batch endpoint (1: the single-event one).
 */
public final class Simulator {

  /** The seed's tracking events per second: 100,000 a day. */
  static final double SEED_EVENTS_PER_SECOND = 100_000 / 86_400.0;

  /**
   * How busy each hour of a day is, relative to the day's mean: quiet at night, peaks late in the
   * morning and in the afternoon, when carriers scan.
   */
  static final List<Double> DAY =
      normalized(
          List.of(
              0.3, 0.2, 0.2, 0.2, 0.3, 0.5, 0.8, 1.2, 1.6, 1.8, 1.9, 1.8, 1.5, 1.4, 1.5, 1.7, 1.8,
              1.6, 1.3, 1.0, 0.8, 0.6, 0.5, 0.4));

  /** What to play. */
  record Options(
      String url,
      String key,
      double eventsPerSecond,
      Duration duration,
      int batch,
      int shipments,
      boolean peaks) {

    static Options parse(String[] args) throws java.io.IOException {
      var values = new HashMap<String, String>();
      for (int i = 0; i < args.length; i++) {
        var name = args[i].replaceFirst("^--", "");
        if (name.equals("peaks")) {
          values.put(name, "true");
        } else if (i + 1 < args.length) {
          values.put(name, args[++i]);
        } else {
          throw new IllegalArgumentException("--" + name + " needs a value");
        }
      }
      var rate =
          values.containsKey("events-per-second")
              ? Double.parseDouble(values.get("events-per-second"))
              : Double.parseDouble(values.getOrDefault("scale", "100")) * SEED_EVENTS_PER_SECOND;
      var key = values.get("key");
      if (key == null) {
        key = System.getenv("RASTRO_API_KEY");
      }
      if (key == null && Files.exists(Path.of("rastro-data", "admin-key"))) {
        key = Files.readString(Path.of("rastro-data", "admin-key")).strip();
      }
      if (key == null) {
        throw new IllegalArgumentException(
            "an ADMIN key: --key, RASTRO_API_KEY, or rastro-data/admin-key");
      }
      return new Options(
          values.getOrDefault("url", "http://localhost:8080"),
          key,
          rate,
          Duration.ofSeconds((long) (Double.parseDouble(values.getOrDefault("minutes", "1")) * 60)),
          Integer.parseInt(values.getOrDefault("batch", "1")),
          Integer.parseInt(values.getOrDefault("shipments", "1000")),
          values.containsKey("peaks"));
    }
  }

  /** The rate of each part of the run: one part at the mean, or the 24 hours of a day. */
  static List<Double> schedule(Options options) {
    return options.peaks()
        ? DAY.stream().map(weight -> weight * options.eventsPerSecond()).toList()
        : List.of(options.eventsPerSecond());
  }

  public static void main(String[] args) throws Exception {
    var options = Options.parse(args);
    var api = Api.at(options.url(), options.key());
    System.out.printf(
        Locale.ROOT,
        "Creating %d shipments at %s, then %.1f events/s on average for %s%s, %d per request%n",
        options.shipments(),
        options.url(),
        options.eventsPerSecond(),
        options.duration(),
        options.peaks() ? " shaped like a day" : "",
        options.batch());
    var traffic =
        new Traffic(
            Reliability.shipments(api, options.shipments()), Traffic.Profile.realistic(), 7);
    var parts = schedule(options);
    var slice = options.duration().dividedBy(parts.size());
    var results = new ArrayList<Driver.Result>();
    for (int part = 0; part < parts.size(); part++) {
      var rate = parts.get(part);
      var result =
          Driver.openLoop(
              rate / options.batch(),
              slice,
              options.batch(),
              512,
              () -> send(api, traffic, options.batch()));
      results.add(result);
      System.out.printf(
          Locale.ROOT,
          "%s target %8.1f ev/s  accepted %8.1f ev/s  refused %d  failed %d  p50 %.1f ms  p99 %.1f ms%n",
          parts.size() == 1 ? "run" : String.format(Locale.ROOT, "%02d:00", part),
          rate,
          result.acceptedPerSecond(),
          result.refused(),
          result.failed(),
          result.percentileMillis(50),
          result.percentileMillis(99));
    }
    var accepted =
        results.stream().mapToDouble(r -> r.accepted() * (double) r.itemsPerRequest()).sum();
    var seconds = results.stream().mapToDouble(Driver.Result::seconds).sum();
    System.out.printf(
        Locale.ROOT,
        "Accepted %.0f events in %.0f s (%.1f/s)%n",
        accepted,
        seconds,
        accepted / seconds);
    System.exit(0);
  }

  private static int send(Api api, Traffic traffic, int batch) {
    if (batch == 1) {
      var event = traffic.next();
      return api.post("/api/v1/shipments/" + event.get("trackingNumber") + "/events", event)
          .status();
    }
    var events = new ArrayList<Map<String, Object>>(batch);
    for (int i = 0; i < batch; i++) {
      events.add(traffic.next());
    }
    return api.post("/api/v1/tracking-events", events).status();
  }

  private static List<Double> normalized(List<Double> weights) {
    var mean = weights.stream().mapToDouble(Double::doubleValue).average().orElse(1);
    return weights.stream().map(w -> w / mean).toList();
  }
}
