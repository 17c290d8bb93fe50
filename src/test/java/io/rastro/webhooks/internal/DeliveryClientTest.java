package io.rastro.webhooks.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.sun.net.httpserver.HttpServer;
import io.rastro.webhooks.WebhookProperties;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.SocketTimeoutException;
import java.net.URI;
import java.net.UnknownHostException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executors;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The client that posts deliveries, against a real HTTP server on loopback. */
class DeliveryClientTest {

  private final List<String> received = new CopyOnWriteArrayList<>();
  private final CountDownLatch release = new CountDownLatch(1);
  private HttpServer server;

  @BeforeEach
  void serve() throws IOException {
    server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 10);
    server.setExecutor(Executors.newVirtualThreadPerTaskExecutor());
    server.createContext(
        "/ok",
        exchange -> {
          received.add(
              exchange.getRequestHeaders().getFirst("webhook-id")
                  + " "
                  + exchange.getRequestHeaders().getFirst("Content-Type")
                  + " "
                  + new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8));
          exchange.getResponseHeaders().add("Retry-After", "120");
          exchange.sendResponseHeaders(503, -1);
          exchange.close();
        });
    server.createContext(
        "/moved",
        exchange -> {
          exchange.getResponseHeaders().add("Location", "/ok");
          exchange.sendResponseHeaders(307, -1);
          exchange.close();
        });
    server.createContext(
        "/slow",
        exchange -> {
          try {
            release.await();
          } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
          }
          exchange.sendResponseHeaders(204, -1);
          exchange.close();
        });
    server.start();
  }

  @AfterEach
  void stop() {
    release.countDown();
    server.stop(0);
  }

  @Test
  void postsTheBodyWithItsHeadersAndReadsTheAnswer() throws IOException {
    try (var client = new DeliveryClient(properties(true, Duration.ofSeconds(5)))) {
      var answer = client.post(target("/ok"), Map.of("webhook-id", "msg_1"), "{\"a\":1}");

      assertThat(answer.status()).isEqualTo(503);
      assertThat(answer.retryAfter()).isEqualTo("120");
      assertThat(received).containsExactly("msg_1 application/cloudevents+json {\"a\":1}");
    }
  }

  @Test
  void followsNoRedirect() throws IOException {
    try (var client = new DeliveryClient(properties(true, Duration.ofSeconds(5)))) {
      assertThat(client.post(target("/moved"), Map.of(), "{}").status()).isEqualTo(307);
      assertThat(received).isEmpty();
    }
  }

  @Test
  void refusesToConnectToANonPublicAddressUnlessAllowed() throws IOException {
    try (var client = new DeliveryClient(properties(false, Duration.ofSeconds(5)))) {
      assertThatThrownBy(() -> client.post(target("/ok"), Map.of(), "{}"))
          .isInstanceOf(UnknownHostException.class)
          .hasMessageContaining("not a public address");
      assertThat(received).isEmpty();
    }
  }

  @Test
  void givesUpOnAnAnswerAfterTheTimeout() throws IOException {
    try (var client = new DeliveryClient(properties(true, Duration.ofMillis(500)))) {
      assertThatThrownBy(() -> client.post(target("/slow"), Map.of(), "{}"))
          .isInstanceOf(SocketTimeoutException.class)
          .hasMessageContaining("no answer within PT0.5S");
    }
  }

  private URI target(String path) {
    return URI.create("http://127.0.0.1:" + server.getAddress().getPort() + path);
  }

  private static WebhookProperties properties(boolean allowPrivate, Duration timeout) {
    return new WebhookProperties(
        allowPrivate,
        List.of(Duration.ofSeconds(5)),
        Duration.ofHours(4),
        Duration.ofDays(3),
        timeout,
        4,
        Duration.ofHours(24));
  }
}
