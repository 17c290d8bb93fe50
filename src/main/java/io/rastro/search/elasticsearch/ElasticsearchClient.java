package io.rastro.search.elasticsearch;

import io.rastro.platform.ServiceUnavailableException;
import io.rastro.search.SearchProperties;
import java.net.URI;
import java.net.http.HttpClient;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Base64;
import java.util.List;
import java.util.function.Function;
import org.jspecify.annotations.Nullable;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpMethod;
import org.springframework.http.HttpStatusCode;
import org.springframework.http.MediaType;
import org.springframework.http.client.JdkClientHttpRequestFactory;
import org.springframework.web.client.ResourceAccessException;
import org.springframework.web.client.RestClient;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Elasticsearch's REST API, over plain HTTP and JSON. Rastro needs a dozen of its calls, all of
 * them stable since version 7 and the same in OpenSearch; the official Java client that Spring Boot
 * 4 brings (9.x) refuses 8.x servers, and the 8.x client would bring a second JSON library. A
 * request goes to the first address that answers.
 */
final class ElasticsearchClient {

  private final List<RestClient> nodes;
  private final JsonMapper json;

  ElasticsearchClient(SearchProperties.Elasticsearch properties, JsonMapper json) {
    this.json = json;
    var http =
        HttpClient.newBuilder()
            .connectTimeout(properties.timeout())
            .followRedirects(HttpClient.Redirect.NEVER)
            .build();
    var requests = new JdkClientHttpRequestFactory(http);
    requests.setReadTimeout(properties.timeout());
    this.nodes =
        properties.uris().stream()
            .map(uri -> node(uri, requests, properties.username(), properties.password()))
            .toList();
  }

  private static RestClient node(
      URI uri,
      JdkClientHttpRequestFactory requests,
      @Nullable String username,
      @Nullable String password) {
    var builder =
        RestClient.builder()
            .baseUrl(uri.toString())
            .requestFactory(requests)
            .defaultHeader(HttpHeaders.CONTENT_TYPE, MediaType.APPLICATION_JSON_VALUE);
    if (username != null && password != null) {
      var token =
          Base64.getEncoder()
              .encodeToString((username + ":" + password).getBytes(StandardCharsets.UTF_8));
      builder.defaultHeader(HttpHeaders.AUTHORIZATION, "Basic " + token);
    }
    return builder.build();
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
    return onAnyNode(
        node -> {
          var request = node.method(method).uri(path);
          if (body != null) {
            request.body(body instanceof String text ? text : json.writeValueAsString(body));
          }
          return request.exchange(
              (req, response) -> {
                HttpStatusCode status = response.getStatusCode();
                var text = new String(response.getBody().readAllBytes(), StandardCharsets.UTF_8);
                return new Answer(
                    status.value(), text.isBlank() ? json.createObjectNode() : json.readTree(text));
              });
        });
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

  private <T> T onAnyNode(Function<RestClient, T> call) {
    ResourceAccessException last = null;
    for (var node : nodes) {
      try {
        return call.apply(node);
      } catch (ResourceAccessException e) {
        last = e;
      }
    }
    throw new ServiceUnavailableException(
        "Elasticsearch does not answer at rastro.search.elasticsearch.uris",
        Duration.ofSeconds(5),
        last);
  }
}
