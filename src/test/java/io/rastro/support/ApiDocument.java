package io.rastro.support;

import com.networknt.schema.Schema;
import com.networknt.schema.SchemaRegistry;
import com.networknt.schema.SchemaRegistryConfig;
import com.networknt.schema.SpecificationVersion;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Pattern;
import org.jspecify.annotations.Nullable;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

/**
 * The OpenAPI document a running Rastro serves at {@code /v3/api-docs}, used as a contract: every
 * answer a test receives must have a status its operation documents and a body valid, with an
 * independent JSON Schema validator (networknt, draft 2020-12), against the schema documented for
 * that status and content type. An error to any {@code /api/} path, documented or not, must be a
 * problem+json. Loaded once per server.
 */
public final class ApiDocument {

  private static final JsonMapper JSON = JsonMapper.builder().build();
  private static final Map<String, ApiDocument> BY_SERVER = new ConcurrentHashMap<>();
  private static final SchemaRegistry SCHEMAS =
      SchemaRegistry.withDefaultDialect(
          SpecificationVersion.DRAFT_2020_12,
          builder ->
              builder.schemaRegistryConfig(
                  SchemaRegistryConfig.builder().formatAssertionsEnabled(true).build()));
  private static final String PROBLEM_JSON = "application/problem+json";

  private final JsonNode document;
  private final List<Route> routes = new ArrayList<>();
  private final Map<String, Schema> compiled = new ConcurrentHashMap<>();

  private record Route(String template, Pattern pattern, int variables, JsonNode item) {}

  private ApiDocument(JsonNode document) {
    this.document = document;
    document
        .path("paths")
        .properties()
        .forEach(
            path -> {
              var template = path.getKey();
              var regex = new StringBuilder("^");
              var variables = 0;
              for (var part : template.split("(?=\\{)|(?<=\\})")) {
                if (part.startsWith("{")) {
                  regex.append("[^/]+");
                  variables++;
                } else {
                  regex.append(Pattern.quote(part));
                }
              }
              routes.add(
                  new Route(
                      template,
                      Pattern.compile(regex.append("$").toString()),
                      variables,
                      path.getValue()));
            });
  }

  /** The document of the server at this base URL, read at the first answer from it. */
  static ApiDocument of(String base) {
    return BY_SERVER.computeIfAbsent(base, ApiDocument::load);
  }

  private static ApiDocument load(String base) {
    try (var http = HttpClient.newHttpClient()) {
      var answer =
          http.send(
              HttpRequest.newBuilder(URI.create(base + "/v3/api-docs")).build(),
              HttpResponse.BodyHandlers.ofString());
      if (answer.statusCode() != 200) {
        throw new AssertionError("GET /v3/api-docs answered " + answer.statusCode());
      }
      return new ApiDocument(JSON.readTree(answer.body()));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }

  /**
   * Every way this answer breaks the document, empty when it keeps it.
   *
   * @param path the request's path and query, as sent
   */
  List<String> mismatches(String method, String path, Api.Response response) {
    var bare = path.replaceFirst("[?#].*", "");
    var operation = operation(method, bare);
    var status = response.status();
    var type = baseType(response.contentType());
    var where = method + " " + path + " answered " + status + " " + type;
    if (operation.isEmpty()) {
      if (!bare.startsWith("/api/")) {
        return List.of();
      }
      if (status < 400) {
        return List.of(where + ": no operation in the document answers that");
      }
      return type.equals(PROBLEM_JSON)
          ? validate(where, schema("#/components/schemas/Problem"), response)
          : List.of(where + ": an error, but not application/problem+json");
    }
    var responses = operation.get().path("responses");
    var documented = responses.path(String.valueOf(status));
    if (documented.isMissingNode()) {
      documented = responses.path("default");
    }
    if (documented.isMissingNode()) {
      return List.of(
          where + ": the operation documents only " + responses.propertyNames().stream().toList());
    }
    var content = documented.path("content");
    if (content.isMissingNode() || content.isEmpty()) {
      return response.raw().isEmpty()
          ? List.of()
          : List.of(where + ": a body, where the document says none");
    }
    var media = content.path(type);
    if (media.isMissingNode()) {
      media = content.path("*/*");
    }
    if (media.isMissingNode()) {
      return List.of(where + ": the document has only " + content.propertyNames());
    }
    if (!type.contains("json") || media.path("schema").isMissingNode()) {
      return List.of();
    }
    var pointer =
        "#/paths/"
            + escape(route(bare).orElseThrow().template())
            + "/"
            + method.toLowerCase(Locale.ROOT)
            + "/responses/"
            + (responses.has(String.valueOf(status)) ? status : "default")
            + "/content/"
            + escape(media == content.path(type) ? type : "*/*")
            + "/schema";
    return validate(where, schema(pointer), response);
  }

  private List<String> validate(String where, Schema schema, Api.Response response) {
    if (response.body().isMissingNode()) {
      return List.of(where + ": not JSON: " + response.raw());
    }
    return schema.validate(response.body()).stream()
        .map(error -> where + ": " + error + "\n  in " + abbreviate(response.raw()))
        .toList();
  }

  /**
   * The schema at this pointer into the document, compiled once: a copy of it that carries the
   * document's components, so that its {@code #/components/...} references resolve.
   */
  private Schema schema(String pointer) {
    return compiled.computeIfAbsent(pointer, p -> compile(document, p));
  }

  private static Schema compile(JsonNode document, String pointer) {
    var node = (ObjectNode) document.at(pointer.substring(1)).deepCopy();
    node.put("$schema", "https://json-schema.org/draft/2020-12/schema");
    node.set("components", document.path("components"));
    return SCHEMAS.getSchema(node);
  }

  /**
   * Every way this value breaks the schema at this pointer into an OpenAPI document (such as {@code
   * #/components/schemas/CreateShipment}), empty when it keeps it.
   */
  public static List<String> mismatches(JsonNode document, String pointer, JsonNode value) {
    return compile(document, pointer).validate(value).stream().map(Object::toString).toList();
  }

  private Optional<JsonNode> operation(String method, String path) {
    return route(path)
        .map(route -> route.item().path(method.toLowerCase(Locale.ROOT)))
        .filter(operation -> !operation.isMissingNode());
  }

  /** The path template that matches: a literal segment wins over a variable one. */
  private Optional<Route> route(String path) {
    return routes.stream()
        .filter(route -> route.pattern().matcher(path).matches())
        .min(Comparator.comparingInt(Route::variables));
  }

  private static String baseType(String contentType) {
    return contentType.replaceFirst(";.*", "").strip().toLowerCase(Locale.ROOT);
  }

  private static String escape(String pointerToken) {
    return pointerToken.replace("~", "~0").replace("/", "~1");
  }

  private static String abbreviate(@Nullable String text) {
    return text == null || text.length() <= 600
        ? String.valueOf(text)
        : text.substring(0, 600) + "…";
  }
}
