package io.rastro.support;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** Talks to a running Rastro over real HTTP, as its users do. */
public final class Api {

  private static final JsonMapper JSON = JsonMapper.builder().build();
  private final HttpClient http =
      HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
  private final String base;

  public Api(int port) {
    this.base = "http://localhost:" + port;
  }

  /**
   * An answer: its status, content type, location, raw body, and that body as JSON (a missing node
   * when it is not JSON).
   */
  public record Response(
      int status, String contentType, String location, String raw, JsonNode body) {

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

  private static boolean isJson(HttpResponse<String> response) {
    return !response.body().isBlank()
        && response.headers().firstValue("Content-Type").orElse("").contains("json");
  }

  private Response send(HttpRequest.Builder request) {
    try {
      var response = http.send(request.build(), HttpResponse.BodyHandlers.ofString());
      var body = response.body();
      return new Response(
          response.statusCode(),
          response.headers().firstValue("Content-Type").orElse(""),
          response.headers().firstValue("Location").orElse(""),
          body,
          isJson(response) ? JSON.readTree(body) : JSON.missingNode());
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }
}
