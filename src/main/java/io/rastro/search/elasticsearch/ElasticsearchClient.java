package io.rastro.search.elasticsearch;

import io.rastro.platform.ServiceUnavailableException;
import io.rastro.search.SearchProperties;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import org.jspecify.annotations.Nullable;
import org.springframework.http.HttpMethod;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Elasticsearch's REST API, over plain HTTP and JSON. Rastro needs a dozen of its calls, all of
 * them stable since version 7 and the same in OpenSearch; the official Java client that Spring Boot
 * 4 brings (9.x) refuses 8.x servers, and the 8.x client would bring a second JSON library. A
 * request goes to the first address that answers.
 *
 * <p>The JDK's HTTP client is called directly, over HTTP/1.1 on kept-alive connections, each body
 * sent whole as bytes: Spring's {@code RestClient} over it streamed every body through a publisher
 * on another thread and waited on a future, which added milliseconds to each search and, under
 * load, failed some with {@code Stream closed} (measured by {@code bench/run search}).
 */
final class ElasticsearchClient {

  private final HttpClient http;
  private final List<Node> nodes;
  private final Duration timeout;
  private final JsonMapper json;

  /** One address, and the headers every request to it carries. */
  private record Node(URI base, List<String> headers) {}

  ElasticsearchClient(SearchProperties.Elasticsearch properties, JsonMapper json) {
    this.json = json;
    this.timeout = properties.timeout();
    this.http =
        HttpClient.newBuilder()
            .version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(properties.timeout())
            .followRedirects(HttpClient.Redirect.NEVER)
            .build();
    this.nodes =
        properties.uris().stream()
            .map(uri -> node(uri, properties.username(), properties.password()))
            .toList();
  }

  private static Node node(URI uri, @Nullable String username, @Nullable String password) {
    var headers = new ArrayList<>(List.of("Content-Type", "application/json"));
    if (username != null && password != null) {
      var token =
          Base64.getEncoder()
              .encodeToString((username + ":" + password).getBytes(StandardCharsets.UTF_8));
      headers.addAll(List.of("Authorization", "Basic " + token));
    }
    var base = uri.toString().replaceAll("/+$", "");
    return new Node(URI.create(base), List.copyOf(headers));
  }

  /** The answer to a call, whatever its status. */
  record Answer(int status, JsonNode body) {
    boolean ok() {
      return status >= 200 && status < 300;
    }
  }

  /**
   * Sends a request and reads its JSON answer.
   *
   * @param body a JSON tree, or text as it goes (such as a {@code _bulk} body), or null
   * @throws ServiceUnavailableException when no address answers
   */
  Answer call(HttpMethod method, String path, @Nullable Object body) {
    var bytes =
        body == null
            ? null
            : body instanceof String text
                ? text.getBytes(StandardCharsets.UTF_8)
                : json.writeValueAsBytes(body);
    IOException last = null;
    for (var node : nodes) {
      var request =
          HttpRequest.newBuilder(URI.create(node.base() + path))
              .timeout(timeout)
              .headers(node.headers().toArray(String[]::new))
              .method(
                  method.name(),
                  bytes == null
                      ? HttpRequest.BodyPublishers.noBody()
                      : HttpRequest.BodyPublishers.ofByteArray(bytes));
      try {
        var response = http.send(request.build(), HttpResponse.BodyHandlers.ofByteArray());
        var answer = response.body();
        return new Answer(
            response.statusCode(),
            answer.length == 0 ? json.createObjectNode() : json.readTree(answer));
      } catch (IOException e) {
        last = e;
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new ServiceUnavailableException(
            "Interrupted while calling Elasticsearch", Duration.ofSeconds(5), e);
      }
    }
    throw new ServiceUnavailableException(
        "Elasticsearch does not answer at rastro.search.elasticsearch.uris",
        Duration.ofSeconds(5),
        last);
  }

  /** Like {@link #call}, but anything but a 2xx answer is a failure. */
  JsonNode ok(HttpMethod method, String path, @Nullable Object body) {
    var answer = call(method, path, body);
    if (!answer.ok()) {
      throw new ServiceUnavailableException(
          "Elasticsearch answered %s %s with %d: %s"
              .formatted(method, path, answer.status(), answer.body().path("error")),
          Duration.ofSeconds(5),
          null);
    }
    return answer.body();
  }
}
