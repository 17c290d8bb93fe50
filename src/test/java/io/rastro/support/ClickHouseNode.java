package io.rastro.support;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.Assumptions;

/**
 * A ClickHouse server of the test's own (Debian's {@code clickhouse-server}, 18.16), on free ports,
 * with its configuration and data under {@code target/it-data/clickhouse-<port>}: the test can
 * stop, kill and start it again, and its data survives that.
 */
public final class ClickHouseNode implements AutoCloseable {

  private static final Path SERVER = Path.of("/usr/sbin/clickhouse-server");
  private static final Path USERS = Path.of("/etc/clickhouse-server/users.xml");

  private final Path home;
  private final int httpPort;
  private @Nullable Process process;

  private ClickHouseNode(Path home, int httpPort) {
    this.home = home;
    this.httpPort = httpPort;
  }

  /** Starts a server, or skips the test where this machine has none (fails under {@code CI}). */
  public static ClickHouseNode start() {
    if (!Files.isExecutable(SERVER) || !Files.exists(USERS)) {
      var why = "no clickhouse-server on this machine (apt-get install clickhouse-server)";
      if (System.getenv("CI") != null) {
        throw new IllegalStateException("CI runs this test with a ClickHouse of its own: " + why);
      }
      Assumptions.abort("Skipped: " + why);
    }
    var httpPort = RastroProcess.freePort();
    try {
      var home =
          Files.createDirectories(Path.of("target", "it-data", "clickhouse-" + httpPort))
              .toAbsolutePath();
      Files.writeString(
          home.resolve("config.xml"),
          """
          <?xml version="1.0"?>
          <yandex>
            <logger><level>warning</level><log>%1$s/log/server.log</log>
              <errorlog>%1$s/log/error.log</errorlog><size>10M</size><count>2</count></logger>
            <http_port>%2$d</http_port>
            <tcp_port>%3$d</tcp_port>
            <listen_host>127.0.0.1</listen_host>
            <path>%1$s/data/</path>
            <tmp_path>%1$s/tmp/</tmp_path>
            <user_files_path>%1$s/user_files/</user_files_path>
            <format_schema_path>%1$s/format_schemas/</format_schema_path>
            <users_config>%4$s</users_config>
            <default_profile>default</default_profile>
            <default_database>default</default_database>
            <timezone>UTC</timezone>
            <mark_cache_size>67108864</mark_cache_size>
            <uncompressed_cache_size>67108864</uncompressed_cache_size>
          </yandex>
          """
              .formatted(home, httpPort, RastroProcess.freePort(), USERS));
      var node = new ClickHouseNode(home, httpPort);
      node.startAgain();
      return node;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** The base URL of its HTTP interface. */
  public URI uri() {
    return URI.create("http://127.0.0.1:" + httpPort);
  }

  /** The operating system's id of the server's process, for its CPU time. */
  public long pid() {
    var running = process;
    if (running == null) {
      throw new IllegalStateException("ClickHouse is not running");
    }
    return running.pid();
  }

  /** Starts the server (again) on its data, and waits until it answers queries. */
  public void startAgain() {
    process =
        Processes.start(
            List.of(SERVER.toString(), "--config-file=" + home.resolve("config.xml")),
            home.resolve("stdout.log"),
            Duration.ofMinutes(1),
            this::answers);
  }

  /** Stops the server as an operator would. */
  public void stop() {
    end(false);
  }

  /** Kills the server at once, as {@code kill -9} does. */
  public void kill() {
    end(true);
  }

  private void end(boolean forcibly) {
    var running = process;
    if (running == null) {
      return;
    }
    Processes.end(running, forcibly);
    process = null;
  }

  /** Runs a statement and returns its answer as text (tab-separated for a query). */
  public String query(String sql) {
    try (var http = HttpClient.newHttpClient()) {
      var response =
          http.send(
              HttpRequest.newBuilder(uri().resolve("/"))
                  .POST(HttpRequest.BodyPublishers.ofString(sql))
                  .build(),
              HttpResponse.BodyHandlers.ofString());
      if (response.statusCode() != 200) {
        throw new IllegalStateException("ClickHouse: " + response.body());
      }
      return response.body();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }

  private boolean answers() {
    try {
      return query("SELECT 1").strip().equals("1");
    } catch (RuntimeException e) {
      return false;
    }
  }

  @Override
  public void close() {
    stop();
  }
}
