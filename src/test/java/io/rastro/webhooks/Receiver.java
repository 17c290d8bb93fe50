package io.rastro.webhooks;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.Queue;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A webhook receiver on loopback: records every request, and answers as told per path (by default
 * {@code 204}; a list of statuses is answered in turn, the last one from then on).
 */
final class Receiver implements AutoCloseable {

  /** A request as it came. */
  record Received(String path, Map<String, List<String>> headers, String body) {

    String header(String name) {
      return headers.entrySet().stream()
          .filter(e -> e.getKey().equalsIgnoreCase(name))
          .map(e -> e.getValue().getFirst())
          .findFirst()
          .orElse("");
    }
  }

  private final HttpServer server;
  private final Queue<Received> received = new ConcurrentLinkedQueue<>();
  private final Map<String, List<Integer>> answers = new ConcurrentHashMap<>();
  private final Map<String, AtomicInteger> calls = new ConcurrentHashMap<>();

  Receiver() {
    try {
      server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    server.setExecutor(Executors.newVirtualThreadPerTaskExecutor());
    server.createContext("/", this::handle);
    server.start();
  }

  String url(String path) {
    return "http://127.0.0.1:" + server.getAddress().getPort() + path;
  }

  /** Answers requests to this path with these statuses in turn, then the last one. */
  void answer(String path, Integer... statuses) {
    answers.put(path, List.of(statuses));
  }

  List<Received> to(String path) {
    return received.stream().filter(r -> r.path().equals(path)).toList();
  }

  private void handle(HttpExchange exchange) throws IOException {
    var path = exchange.getRequestURI().getPath();
    var body = new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
    received.add(new Received(path, Map.copyOf(exchange.getRequestHeaders()), body));
    var statuses = answers.getOrDefault(path, List.of(204));
    var n = calls.computeIfAbsent(path, p -> new AtomicInteger()).getAndIncrement();
    var status = statuses.get(Math.min(n, statuses.size() - 1));
    if (status / 100 == 3) {
      exchange.getResponseHeaders().add("Location", url("/elsewhere"));
    }
    exchange.sendResponseHeaders(status, -1);
    exchange.close();
  }

  @Override
  public void close() {
    server.stop(0);
  }
}
