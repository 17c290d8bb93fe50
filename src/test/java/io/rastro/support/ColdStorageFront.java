package io.rastro.support;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;

/**
 * S3's cold storage classes, which S3Mock does not have, put in front of an {@link S3Node}: every
 * request goes through to it, except that an object stored as {@code GLACIER} or {@code
 * DEEP_ARCHIVE} answers a {@code GetObject} with {@code 403 InvalidObjectState} until a restore of
 * it has been asked for ({@code POST ?restore}, answered {@code 202}) and {@link #finishRestores()}
 * says that the hours S3 takes have passed. A restore of an object in any other class answers
 * {@code 403 InvalidObjectState}, as S3 does.
 */
public final class ColdStorageFront implements AutoCloseable {

  private static final Set<String> COLD = Set.of("GLACIER", "DEEP_ARCHIVE");
  private static final Set<String> NOT_FORWARDED =
      Set.of("host", "content-length", "connection", "expect", "upgrade", "transfer-encoding");

  private final URI target;
  private final HttpServer server;
  private final HttpClient client =
      HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
  private final Set<String> asked = ConcurrentHashMap.newKeySet();
  private final Set<String> restored = ConcurrentHashMap.newKeySet();

  private ColdStorageFront(URI target) throws IOException {
    this.target = target;
    this.server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
    server.setExecutor(Executors.newVirtualThreadPerTaskExecutor());
    server.createContext("/", this::handle);
    server.start();
  }

  /** Starts one in front of this server. */
  public static ColdStorageFront before(S3Node s3) {
    try {
      return new ColdStorageFront(s3.uri());
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** Its endpoint, for {@code rastro.archive.s3.endpoint}. */
  public URI uri() {
    return URI.create("http://127.0.0.1:" + server.getAddress().getPort());
  }

  /** The restores asked for so far are done: their objects read. */
  public void finishRestores() {
    restored.addAll(asked);
  }

  /** The objects (their paths, {@code /bucket/key}) whose restore was asked for. */
  public Set<String> restoresAsked() {
    return Set.copyOf(asked);
  }

  private void handle(HttpExchange exchange) throws IOException {
    try (exchange) {
      var path = exchange.getRequestURI().getRawPath();
      var query = exchange.getRequestURI().getRawQuery();
      var method = exchange.getRequestMethod();
      var anObject = path.indexOf('/', 1) > 0;
      if (anObject && method.equals("POST") && query != null && query.startsWith("restore")) {
        exchange.getRequestBody().readAllBytes();
        if (!cold(path)) {
          refuse(exchange, "Restore is not allowed for the object's current storage class");
        } else {
          asked.add(path);
          exchange.sendResponseHeaders(restored.contains(path) ? 200 : 202, -1);
        }
        return;
      }
      if (anObject && method.equals("GET") && query == null && cold(path)) {
        if (!restored.contains(path)) {
          exchange.getRequestBody().readAllBytes();
          refuse(exchange, "The operation is not valid for the object's storage class");
          return;
        }
      }
      forward(exchange, method, path, query);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IOException(e);
    }
  }

  private boolean cold(String path) throws IOException, InterruptedException {
    var head =
        client.send(
            HttpRequest.newBuilder(target.resolve(path))
                .method("HEAD", HttpRequest.BodyPublishers.noBody())
                .build(),
            HttpResponse.BodyHandlers.discarding());
    return head.statusCode() == 200
        && COLD.contains(head.headers().firstValue("x-amz-storage-class").orElse("STANDARD"));
  }

  private void forward(HttpExchange exchange, String method, String path, String query)
      throws IOException, InterruptedException {
    var body = exchange.getRequestBody().readAllBytes();
    var request =
        HttpRequest.newBuilder(target.resolve(path + (query == null ? "" : "?" + query)))
            .method(method, HttpRequest.BodyPublishers.ofByteArray(body));
    exchange
        .getRequestHeaders()
        .forEach(
            (name, values) -> {
              if (!NOT_FORWARDED.contains(name.toLowerCase(java.util.Locale.ROOT))) {
                values.forEach(value -> request.header(name, value));
              }
            });
    var answer = client.send(request.build(), HttpResponse.BodyHandlers.ofByteArray());
    answer
        .headers()
        .map()
        .forEach(
            (name, values) -> {
              if (!NOT_FORWARDED.contains(name.toLowerCase(java.util.Locale.ROOT))
                  && !name.startsWith(":")) {
                exchange.getResponseHeaders().put(name, values);
              }
            });
    var bytes = answer.body();
    if (method.equals("HEAD") || bytes.length == 0) {
      exchange.sendResponseHeaders(answer.statusCode(), -1);
    } else {
      exchange.sendResponseHeaders(answer.statusCode(), bytes.length);
      exchange.getResponseBody().write(bytes);
    }
  }

  private static void refuse(HttpExchange exchange, String message) throws IOException {
    var body =
        """
        <?xml version="1.0" encoding="UTF-8"?>
        <Error><Code>InvalidObjectState</Code><Message>%s</Message></Error>
        """
            .formatted(message)
            .getBytes(StandardCharsets.UTF_8);
    exchange.getResponseHeaders().set("Content-Type", "application/xml");
    exchange.sendResponseHeaders(403, body.length);
    exchange.getResponseBody().write(body);
  }

  @Override
  public void close() {
    server.stop(0);
  }
}
