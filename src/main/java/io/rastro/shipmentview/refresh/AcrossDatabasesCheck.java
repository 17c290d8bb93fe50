package io.rastro.shipmentview.refresh;

import io.rastro.platform.IngestRoleProperties;
import io.rastro.platform.ServiceUnavailableException;
import io.rastro.shipmentview.ReadModelProperties;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.locks.LockSupport;
import org.jspecify.annotations.Nullable;
import org.springframework.http.HttpHeaders;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * The check across two databases ({@code rastro.role=query}): the ingest role recomputes the read
 * model from its write model and streams a digest of each shipment ({@link WriteModelController});
 * this role waits until its projection has applied every event the ingest role had then, and merges
 * that list with the same digests of its projection, both in tracking-number order, in one pass:
 * neither side is held in memory. Only the differing shipments are then fetched whole, as examples.
 */
@Component
class AcrossDatabasesCheck implements ReadModelCheck {

  private static final Duration CATCH_UP = Duration.ofSeconds(30);
  private static final int EXAMPLES = 10;

  private final JdbcClient jdbc;
  private final Compared compared;
  private final IngestRoleProperties ingestRole;
  private final HttpClient http =
      HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

  AcrossDatabasesCheck(JdbcClient jdbc, Compared compared, IngestRoleProperties ingestRole) {
    this.jdbc = jdbc;
    this.compared = compared;
    this.ingestRole = ingestRole;
  }

  @Override
  public Result check(@Nullable String authorization) {
    var ingest = ingestRole.url();
    if (ingest == null) {
      throw new ServiceUnavailableException(
          "The read-model check of a query role compares with the ingest role's write model:"
              + " set rastro.ingest-role.url",
          Duration.ofMinutes(1),
          null);
    }
    if (authorization == null && ingestRole.key() != null) {
      authorization = "Bearer " + ingestRole.key();
    }
    var response =
        send(
            ingest,
            "/api/v1/admin/write-model/digests",
            authorization,
            HttpResponse.BodyHandlers.ofLines());
    if (response.statusCode() != 200) {
      response.body().close();
      throw unavailable(ingest, "answered " + response.statusCode(), null);
    }
    var merge = new Merge();
    try (var lines = response.body()) {
      var expected = lines.iterator();
      var first = expected.hasNext() ? expected.next() : "";
      if (!first.startsWith("mark ")) {
        throw unavailable(ingest, "sent no mark: " + first, null);
      }
      awaitProjectionPast(first.substring("mark ".length()));
      merge.start(expected);
      compared.digests("shipment_projection_details", merge::actual);
      merge.finish();
    } catch (java.io.UncheckedIOException e) {
      throw unavailable(ingest, "stopped sending", e);
    }
    var examples = new ArrayList<Difference>();
    for (var trackingNumber : merge.examples) {
      var expected =
          send(
              ingest,
              "/api/v1/admin/write-model/compared/" + trackingNumber,
              authorization,
              HttpResponse.BodyHandlers.ofString());
      examples.add(
          new Difference(
              trackingNumber,
              expected.statusCode() == 200 ? expected.body() : null,
              compared.one("shipment_projection_details", trackingNumber).orElse(null)));
    }
    return new Result(merge.checked, merge.differing, examples);
  }

  private <T> HttpResponse<T> send(
      URI ingest, String path, @Nullable String authorization, HttpResponse.BodyHandler<T> body) {
    var request = HttpRequest.newBuilder(ingest.resolve(path)).timeout(Duration.ofMinutes(5)).GET();
    if (authorization != null) {
      request.header(HttpHeaders.AUTHORIZATION, authorization);
    }
    try {
      return http.send(request.build(), body);
    } catch (IOException e) {
      throw unavailable(ingest, "did not answer", e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw unavailable(ingest, "was not waited for", e);
    }
  }

  private static ServiceUnavailableException unavailable(
      URI ingest, String what, @Nullable Throwable cause) {
    return new ServiceUnavailableException(
        "The ingest role at %s (rastro.ingest-role.url) %s".formatted(ingest, what),
        Duration.ofSeconds(10),
        cause);
  }

  /** Waits until the projection's cursor is at or past the ingest role's newest event. */
  private void awaitProjectionPast(String mark) {
    if (mark.equals("none")) {
      return;
    }
    var space = mark.indexOf(' ');
    var txid = mark.substring(0, space);
    var position = Long.parseLong(mark.substring(space + 1));
    var deadline = System.nanoTime() + CATCH_UP.toNanos();
    while (System.nanoTime() < deadline) {
      var reached =
          jdbc.sql(
                  "select (txid, position) >= (?::text::xid8, ?) from outbox_cursors where name = ?")
              .params(txid, position, ReadModelProperties.PROJECTION_CURSOR)
              .query(Boolean.class)
              .optional()
              .orElse(false);
      if (Objects.equals(reached, true)) {
        return;
      }
      LockSupport.parkNanos(Duration.ofMillis(10).toNanos());
    }
  }

  /** Both lists, merged by tracking number as the projection's rows come. */
  private static final class Merge {
    private Iterator<String> expected = List.<String>of().iterator();
    private String @Nullable [] next;
    private long checked;
    private long differing;
    private final List<String> examples = new ArrayList<>();

    void start(Iterator<String> lines) {
      expected = lines;
      advance();
    }

    void actual(String trackingNumber, String digest) {
      while (next != null && next[0].compareTo(trackingNumber) < 0) {
        differ(next[0]); // only in the write model
        advance();
      }
      if (next != null && next[0].equals(trackingNumber)) {
        if (!next[1].equals(digest)) {
          differ(trackingNumber);
        }
        advance();
      } else {
        differ(trackingNumber); // only in the projection
      }
    }

    void finish() {
      while (next != null) {
        differ(next[0]);
        advance();
      }
    }

    private void advance() {
      if (expected.hasNext()) {
        next = expected.next().split(" ", 2);
        checked++;
      } else {
        next = null;
      }
    }

    private void differ(String trackingNumber) {
      differing++;
      if (examples.size() < EXAMPLES) {
        examples.add(trackingNumber);
      }
    }
  }
}
