package io.rastro.bench;

import static org.awaitility.Awaitility.await;

import com.sun.net.httpserver.HttpServer;
import io.rastro.support.Api;
import io.rastro.support.Fixtures;
import io.rastro.support.RastroProcess;
import io.rastro.support.Reliability;
import io.rastro.support.TestDatabase;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicLong;
import java.util.regex.Pattern;
import org.HdrHistogram.Histogram;
import org.awaitility.core.ConditionTimeoutException;

/**
 * Webhook delivery, measured (issue 14): events sent in batches at a fixed rate, each for a
 * shipment of one of {@link #ENDPOINTS} customers whose own endpoint (a receiver on loopback) gets
 * it; a tenth of the endpoints answer {@code 503} to everything. The latency is from an event's
 * {@code 202} to its first arrival at a healthy endpoint. The same traffic is sent first with no
 * endpoint registered, so that what deliveries cost ingest shows beside it. Run with {@code
 * bench/run webhooks}; writes {@code BENCHMARKS-webhooks.md}.
 */
final class WebhookScenario {

  static final int ENDPOINTS = 100;
  static final double FAILING_SHARE = 0.1;

  /**
   * Events per request: carriers send their feeds in batches, and at a thousand single requests a
   * second this machine's two cores have nothing left for anything else (see BENCHMARKS.md).
   */
  static final int BATCH = 50;

  private static final Pattern EVENT_ID = Pattern.compile("\"eventId\"\\s*:\\s*\"([^\"]+)\"");

  /** Wall-clock microseconds, to compare with the database's timestamps of each stage. */
  private final Map<String, Long> acceptedAt = new ConcurrentHashMap<>();

  private final Map<String, Long> arrivedAt = new ConcurrentHashMap<>();
  private final AtomicLong failingCalls = new AtomicLong();

  private WebhookScenario() {}

  /** {@code quick}: 30 s of load each way; {@code full}: two minutes. */
  static void run(String plan) throws Exception {
    var seconds = plan.equals("full") ? 120 : 30;
    new WebhookScenario().measure(1000, Duration.ofSeconds(seconds));
  }

  private void measure(double rate, Duration duration) throws Exception {
    // The receiver stands for a hundred customers' servers, each of which would keep its own
    // connections open; the JDK's server closes those beyond 200 idle ones as soon as they idle.
    System.setProperty("sun.net.httpserver.maxIdleConnections", "1000");
    var server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 200);
    server.setExecutor(Executors.newVirtualThreadPerTaskExecutor());
    server.createContext(
        "/",
        exchange -> {
          var now = micros();
          var body = new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
          var failing = exchange.getRequestURI().getPath().startsWith("/failing");
          if (failing) {
            failingCalls.incrementAndGet();
          } else {
            var id = EVENT_ID.matcher(body);
            if (id.find()) {
              arrivedAt.putIfAbsent(id.group(1), now);
            }
          }
          exchange.sendResponseHeaders(failing ? 503 : 204, -1);
          exchange.close();
        });
    server.start();
    var properties =
        new HashMap<>(
            RastroProcess.ownDatabase(
                Path.of(TestDatabase.freshDirectory()), RastroProcess.freePort()));
    properties.put("rastro.webhooks.allow-private-targets", "true");
    properties.put("logging.level.root", "warn");
    properties.put(
        "rastro.embedded-postgres-settings[shared_preload_libraries]", "pg_stat_statements");
    var url =
        "jdbc:postgresql://localhost:"
            + properties.get("rastro.embedded-postgres-port")
            + "/postgres";
    try (var rastro = RastroProcess.start("bench-webhooks", properties)) {
      var api = rastro.api();
      var fixtures = new Fixtures(api);
      var shipments = new ArrayList<String>();
      var healthy = new ArrayList<Boolean>();
      var customers = new ArrayList<String>();
      for (int i = 0; i < ENDPOINTS; i++) {
        var customer = fixtures.customer();
        customers.add(customer);
        for (int s = 0; s < 5; s++) {
          shipments.add(fixtures.shipment(customer));
          healthy.add(i >= ENDPOINTS * FAILING_SHARE);
        }
      }
      fixtures.awaitWritten();

      // warm until the accept rate is steady, so that neither run is the cold one
      Driver.warmUntilSteady(
          () ->
              send(
                      api,
                      shipments,
                      healthy,
                      rate,
                      Duration.ofSeconds(10),
                      "warm-" + System.nanoTime() + "-")
                  .acceptedPerSecond(),
          6,
          0.1);
      var without = send(api, shipments, healthy, rate, duration, "without-");
      Reliability.awaitDrained(api);
      for (int i = 0; i < ENDPOINTS; i++) {
        var shipper = api.as(fixtures.apiKey("SHIPPER", customers.get(i), null));
        var path = (i < ENDPOINTS * FAILING_SHARE ? "/failing-" : "/ok-") + i;
        var created =
            shipper.post(
                "/api/v1/webhooks",
                Map.of(
                    "url",
                    "http://127.0.0.1:" + server.getAddress().getPort() + path,
                    "eventTypes",
                    List.of("io.rastro.tracking.recorded.v1")));
        if (created.status() != 201) {
          throw new IllegalStateException("could not register an endpoint: " + created.raw());
        }
      }
      acceptedAt.clear();
      var profile = Profile.start(rastro.pid(), url, Path.of("target", "it-data", "webhooks.jfr"));
      var with = send(api, shipments, healthy, rate, duration, "with-");
      Reliability.awaitDrained(api);
      try {
        await()
            .atMost(Duration.ofMinutes(2))
            .pollInterval(Duration.ofMillis(200))
            .until(() -> arrivedAt.keySet().containsAll(acceptedAt.keySet()));
      } catch (ConditionTimeoutException e) {
        // reported below as not arrived
      }
      var profiled = profile.stop("100 endpoints, until delivered");
      write(rate, duration, without, with, profiled, stages(url));
    } finally {
      server.stop(0);
    }
  }

  /**
   * Sends events at {@code rate}, in batches of {@link #BATCH}; remembers when each one to a
   * healthy endpoint was accepted.
   */
  private Driver.Result send(
      Api api,
      List<String> shipments,
      List<Boolean> healthy,
      double rate,
      Duration duration,
      String prefix) {
    var next = new AtomicLong();
    return Driver.openLoop(
        rate / BATCH,
        duration,
        BATCH,
        64,
        () -> {
          var batch = new ArrayList<Map<String, Object>>(BATCH);
          var ids = new ArrayList<String>(BATCH);
          for (int i = 0; i < BATCH; i++) {
            var n = next.getAndIncrement();
            var shipment = (int) (n % shipments.size());
            var id = prefix + n;
            batch.add(
                Map.of(
                    "trackingNumber",
                    shipments.get(shipment),
                    "eventId",
                    id,
                    "status",
                    "IN_TRANSIT",
                    "occurredAt",
                    "2026-11-27T09:00:00Z",
                    "location",
                    Map.of("city", "Zaragoza", "country", "ES")));
            if (healthy.get(shipment)) {
              ids.add(id);
            }
          }
          var response = api.post("/api/v1/tracking-events", batch);
          if (response.status() == 202) {
            var now = micros();
            ids.forEach(id -> acceptedAt.put(id, now));
          }
          return response.status();
        });
  }

  private void write(
      double rate,
      Duration duration,
      Driver.Result without,
      Driver.Result with,
      Profile.Result profile,
      String stages)
      throws IOException {
    var latency = new Histogram(3_600_000_000L, 3);
    var missing = 0;
    for (var entry : acceptedAt.entrySet()) {
      var arrived = arrivedAt.get(entry.getKey());
      if (arrived == null) {
        missing++;
      } else {
        latency.recordValue(Math.max(0, arrived - entry.getValue()));
      }
    }
    var text =
        """
        # Webhook delivery

        Written by `bench/run webhooks` (%s). %,.0f events per second, in batches of %d, for %d s, each for a
        shipment of one of %d customers whose own endpoint (an HTTP server on loopback, in the
        harness's JVM, keeping up to 1,000 idle connections as a hundred servers would) receives it; %d %% of the endpoints answer `503` to everything and are
        retried on the default schedule. Rastro on its embedded PostgreSQL and queue; 2 cores
        shared by Rastro, PostgreSQL, the load and the receivers.

        | | accepted events/s | accept p99 of a batch (ms) | refused batches | failed batches |
        |---|---|---|---|---|
        | no endpoint registered | %,.0f | %s | %d | %d |
        | %d endpoints, %d failing | %,.0f | %s | %d | %d |

        Delivery latency, from the event's `202` to its first arrival at a healthy endpoint:
        p50 %s ms, p99 %s ms, max %s ms, over %,d deliveries (%d not arrived within two minutes
        after the load). Attempts answered `503` by the failing endpoints meanwhile: %,d.
        A percentile needs enough samples (see the README's "How to read its figures").
        """
            .formatted(
                java.time.LocalDate.now(),
                rate,
                BATCH,
                duration.toSeconds(),
                ENDPOINTS,
                Math.round(FAILING_SHARE * 100),
                without.acceptedPerSecond(),
                format(without.percentileMillis(99)),
                without.refused(),
                without.failed(),
                ENDPOINTS,
                Math.round(ENDPOINTS * FAILING_SHARE),
                with.acceptedPerSecond(),
                format(with.percentileMillis(99)),
                with.refused(),
                with.failed(),
                format(Percentiles.millis(latency, 50)),
                format(Percentiles.millis(latency, 99)),
                format(latency.getMaxValue() / 1000.0),
                latency.getTotalCount(),
                missing,
                failingCalls.get());
    var where = new StringBuilder(text).append(stages);
    where.append(
        "\n## Where the time goes\n\nFrom the registration of the endpoints until every"
            + " delivery arrived: the machine's CPU by process (`/proc`, % of all cores), Rastro's"
            + " JVM by Flight Recorder samples, and the database's time by statement"
            + " (`pg_stat_statements`).\n\n");
    Report.shares(where, "machine CPU", profile.cpu());
    Report.shares(where, "Rastro code on the stack (inclusive)", profile.rastro());
    Report.shares(where, "database time by statement", profile.statements());
    text = where.toString();
    Files.writeString(Path.of("BENCHMARKS-webhooks.md"), text);
    System.out.println(text);
  }

  /**
   * Where a first delivery's time went, stage by stage, from what the database recorded of each
   * delivered at its first attempt: when its event was written (the outbox row, in the writer's
   * transaction), when the fan-out made the delivery, when its attempt started.
   */
  private String stages(String url) throws SQLException {
    var names =
        List.of(
            "accepted → written (queue and writer)",
            "written → delivery made (relay and fan-out)",
            "made → attempt started (claim and lane)",
            "attempt started → arrived (HTTP)");
    var histograms = new ArrayList<Histogram>();
    names.forEach(n -> histograms.add(new Histogram(3_600_000_000L, 3)));
    try (var connection = DriverManager.getConnection(url, "postgres", "");
        var statement = connection.createStatement();
        var rows =
            statement.executeQuery(
                """
                select d.payload::jsonb -> 'data' ->> 'eventId',
                       (extract(epoch from o.occurred_at) * 1e6)::bigint,
                       (extract(epoch from d.created_at) * 1e6)::bigint,
                       (extract(epoch from d.last_attempt_at) * 1e6)::bigint
                from webhook_deliveries d
                join outbox o on o.position = split_part(d.event_position, '-', 2)::bigint
                where d.status = 'delivered' and d.attempts = 1
                """)) {
      while (rows.next()) {
        var accepted = acceptedAt.get(rows.getString(1));
        var arrived = arrivedAt.get(rows.getString(1));
        if (accepted == null || arrived == null) {
          continue;
        }
        long[] at = {accepted, rows.getLong(2), rows.getLong(3), rows.getLong(4), arrived};
        for (int i = 0; i < names.size(); i++) {
          histograms.get(i).recordValue(Math.max(0, at[i + 1] - at[i]));
        }
      }
    }
    var table =
        new StringBuilder(
            "\nWhere a delivery's time goes, stage by stage (deliveries that arrived at their"
                + " first attempt, %,d of them):\n\n| stage | p50 ms | p99 ms |\n|---|---|---|\n"
                    .formatted(histograms.getFirst().getTotalCount()));
    for (int i = 0; i < names.size(); i++) {
      table.append(
          "| %s | %s | %s |\n"
              .formatted(
                  names.get(i),
                  format(Percentiles.millis(histograms.get(i), 50)),
                  format(Percentiles.millis(histograms.get(i), 99))));
    }
    return table.toString();
  }

  private static long micros() {
    return ChronoUnit.MICROS.between(Instant.EPOCH, Instant.now());
  }

  private static String format(double millis) {
    return Double.isNaN(millis) ? "n/a" : String.format(Locale.ROOT, "%.1f", millis);
  }
}
