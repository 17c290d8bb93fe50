package io.rastro.support;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpHeaders;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.Map;
import org.jspecify.annotations.Nullable;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** Talks to a running Rastro over real HTTP, as its users do. */
public final class Api {

  private static final JsonMapper JSON = JsonMapper.builder().build();
  private final HttpClient http =
      HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();

  /** The ADMIN key every test instance of Rastro accepts (its bootstrap key). */
  public static final String ADMIN_KEY = "rastro-test-admin-key-7f3c9a1e5b2d4f6a8c0e";

  /**
   * Whether answers are checked against the served OpenAPI document: always in the tests; the
   * benchmark harness turns it off ({@code -Drastro.api.check=false}), so that it measures Rastro
   * and not the checking.
   */
  private static final boolean CHECK =
      !"false".equals(System.getProperty("rastro.api.check", "true"));

  private final @Nullable String key;
  private final String base;
  private final boolean checked;

  /** A client of the Rastro on this local port, with the ADMIN key. */
  public Api(int port) {
    this("http://localhost:" + port, ADMIN_KEY, CHECK);
  }

  private Api(String base, @Nullable String key, boolean checked) {
    this.key = key;
    this.base = base;
    this.checked = checked;
  }

  /** A client of the Rastro at this base URL ({@code http://host:port}), with this key. */
  public static Api at(String base, @Nullable String key) {
    return new Api(base.replaceAll("/+$", ""), key, CHECK);
  }

  /** A client of another server (Elasticsearch, say): its answers are not Rastro's to check. */
  public static Api other(String base) {
    return new Api(base.replaceAll("/+$", ""), null, false);
  }

  /** Where this client sends its requests: {@code http://host:port}. */
  public String base() {
    return base;
  }

  /** The same server, called with this key, or with none (the public). */
  public Api as(@Nullable String key) {
    return new Api(base, key, checked);
  }

  /**
   * An answer: its status, content type, location, raw body, and that body as JSON (a missing node
   * when it is not JSON).
   */
  public record Response(
      int status,
      String contentType,
      String location,
      String raw,
      JsonNode body,
      HttpHeaders headers) {

    public String text(String field) {
      return body.path(field).asString();
    }
  }

  public Response get(String path) {
    return send(HttpRequest.newBuilder(URI.create(base + path)).GET());
  }

  public Response post(String path, Object body) {
    return post(
        path, "application/json", body instanceof String s ? s : JSON.writeValueAsString(body));
  }

  public Response post(String path, String contentType, String body) {
    return send(
        HttpRequest.newBuilder(URI.create(base + path))
            .header("Content-Type", contentType)
            .POST(HttpRequest.BodyPublishers.ofString(body)));
  }

  /**
   * Fails the test when the answer breaks the OpenAPI document the server serves: every answer any
   * test receives through this client is checked against it.
   */
  private void keepsTheDocument(HttpRequest sent, Response answer) {
    if (!checked || sent.method().equals("HEAD") || sent.method().equals("OPTIONS")) {
      return;
    }
    var uri = sent.uri();
    var path = uri.getRawPath() + (uri.getRawQuery() == null ? "" : "?" + uri.getRawQuery());
    var mismatches = ApiDocument.of(base).mismatches(sent.method(), path, answer);
    if (!mismatches.isEmpty()) {
      throw new AssertionError(
          "The answer breaks the OpenAPI document (/v3/api-docs):\n"
              + String.join("\n", mismatches));
    }
  }

  private static boolean isJson(HttpResponse<String> response) {
    return !response.body().isBlank()
        && response.headers().firstValue("Content-Type").orElse("").contains("json");
  }

  public Response delete(String path) {
    return send(HttpRequest.newBuilder(URI.create(base + path)).DELETE());
  }

  /** Any request, with any headers (they replace the key's). */
  public Response send(
      String method, String path, Map<String, String> headers, @Nullable String body) {
    var request =
        HttpRequest.newBuilder(URI.create(base + path))
            .method(
                method,
                body == null
                    ? HttpRequest.BodyPublishers.noBody()
                    : HttpRequest.BodyPublishers.ofString(body));
    headers.forEach(request::setHeader);
    return send(request);
  }

  private Response send(HttpRequest.Builder request) {
    if (key != null && request.build().headers().firstValue("Authorization").isEmpty()) {
      request.setHeader("Authorization", "Bearer " + key);
    }
    try {
      var sent = request.build();
      var response = http.send(sent, HttpResponse.BodyHandlers.ofString());
      var body = response.body();
      var answer =
          new Response(
              response.statusCode(),
              response.headers().firstValue("Content-Type").orElse(""),
              response.headers().firstValue("Location").orElse(""),
              body,
              isJson(response) ? JSON.readTree(body) : JSON.missingNode(),
              response.headers());
      keepsTheDocument(sent, answer);
      return answer;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }
}
