package io.rastro.support;

import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.UserPrincipalNotFoundException;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.Assumptions;

/**
 * A RabbitMQ node of the test's own, on free ports, with its data in {@code target/}: the test can
 * stop and start it without disturbing the machine's broker that other tests use.
 */
public final class RabbitNode implements AutoCloseable {

  private final String name;
  private final int port;
  private final Map<String, String> environment;

  private RabbitNode(String name, int port, Map<String, String> environment) {
    this.name = name;
    this.port = port;
    this.environment = environment;
  }

  /** Starts a node, or skips the test where this machine cannot run one. */
  public static RabbitNode start() {
    if (Stream.of("/usr/sbin/rabbitmq-server", "/usr/sbin/rabbitmqctl")
        .anyMatch(p -> !Files.exists(Path.of(p)))) {
      skip("no rabbitmq-server on this machine");
    }
    try {
      var port = RastroProcess.freePort();
      var name = "rastro-it-" + port + "@localhost";
      var home =
          Files.createDirectories(Path.of("target", "it-data", "rabbit-" + port)).toAbsolutePath();
      Files.writeString(
          home.resolve("rabbitmq.conf"), "listeners.tcp.local = 127.0.0.1:" + port + "\n");
      var owner =
          home.getFileSystem().getUserPrincipalLookupService().lookupPrincipalByName("rabbitmq");
      try (var files = Files.walk(home)) {
        for (var file : files.toList()) {
          Files.setOwner(file, owner);
        }
      }
      var environment =
          Map.of(
              "RABBITMQ_NODENAME", name,
              "RABBITMQ_NODE_PORT", String.valueOf(port),
              "RABBITMQ_DIST_PORT", String.valueOf(RastroProcess.freePort()),
              "RABBITMQ_CONFIG_FILE", home.resolve("rabbitmq").toString(),
              "RABBITMQ_MNESIA_BASE", home.resolve("mnesia").toString(),
              "RABBITMQ_LOG_BASE", home.resolve("log").toString(),
              "RABBITMQ_ENABLED_PLUGINS_FILE", home.resolve("enabled_plugins").toString(),
              "RABBITMQ_PID_FILE", home.resolve("pid").toString());
      var node = new RabbitNode(name, port, environment);
      node.up();
      return node;
    } catch (UserPrincipalNotFoundException e) {
      skip("no rabbitmq user on this machine");
      throw new IllegalStateException(e);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static void skip(String why) {
    if (System.getenv("CI") != null) {
      throw new IllegalStateException("CI runs this test with a RabbitMQ node of its own: " + why);
    }
    Assumptions.abort("Skipped: " + why);
  }

  public int port() {
    return port;
  }

  /** Starts the node (again) and waits until it takes connections. */
  public void up() {
    run(List.of("/usr/sbin/rabbitmq-server", "-detached"));
    await()
        .atMost(Duration.ofMinutes(2))
        .pollInterval(Duration.ofMillis(250))
        .until(this::listening);
  }

  /** Stops the node, as an operator or a crash of the broker would. */
  public void down() {
    run(List.of("/usr/sbin/rabbitmqctl", "-n", name, "stop"));
    await()
        .atMost(Duration.ofMinutes(1))
        .pollInterval(Duration.ofMillis(250))
        .until(() -> !listening());
  }

  private boolean listening() {
    try (var socket = new Socket()) {
      socket.connect(new InetSocketAddress("127.0.0.1", port), 500);
      return true;
    } catch (IOException e) {
      return false;
    }
  }

  private void run(List<String> command) {
    try {
      var builder = new ProcessBuilder(command).redirectErrorStream(true);
      builder.environment().putAll(environment);
      builder.redirectOutput(ProcessBuilder.Redirect.DISCARD);
      var process = builder.start();
      if (!process.waitFor(2, TimeUnit.MINUTES)) {
        process.destroyForcibly();
        throw new IllegalStateException("Timed out: " + command);
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }

  @Override
  public void close() {
    if (listening()) {
      down();
    }
  }
}
