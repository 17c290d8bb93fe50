package io.rastro.support;

import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Map;

/**
 * Rastro as its own operating-system process, started from the packaged jar, so that a test can
 * {@code kill -9} it as a crash would.
 */
public final class RastroProcess implements AutoCloseable {

  private final Process process;
  private final int port;
  private final Path log;

  private RastroProcess(Process process, int port, Path log) {
    this.process = process;
    this.port = port;
    this.log = log;
  }

  /**
   * Starts Rastro with these properties and waits until it is healthy. A key that starts with
   * {@code -D} is a system property of the JVM instead, such as {@code -Daws.accessKeyId}.
   */
  public static RastroProcess start(String name, Map<String, String> properties) {
    var log = Path.of("target", "it-data", name + ".log");
    var before = log.toFile().length();
    try {
      return launch(name, properties);
    } catch (org.awaitility.core.TerminalFailureException e) {
      // The free port it was given was taken by another process meanwhile: once more, on another.
      if (startedSince(log, before).contains("was already in use")) {
        return launch(name, properties);
      }
      throw e;
    }
  }

  private static String startedSince(Path log, long offset) {
    try {
      var text = Files.readString(log);
      return text.substring((int) Math.min(offset, text.length()));
    } catch (IOException e) {
      return "";
    }
  }

  private static RastroProcess launch(String name, Map<String, String> properties) {
    var port = freePort();
    var command = new ArrayList<String>();
    command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
    command.add("-Xmx512m");
    if (Boolean.getBoolean("rastro.process.quick-start")) {
      // The tests start some 25 processes, each for a minute or two: with the client compiler
      // alone each starts in about 11 s instead of 14 here, and compiles less beside the tests'
      // load. Not for the benchmarks, which measure the compilers production runs with.
      command.add("-XX:TieredStopAtLevel=1");
    }
    properties.forEach(
        (key, value) -> {
          if (key.startsWith("-D")) {
            command.add(key + "=" + value);
          }
        });
    command.add("-jar");
    command.add(Path.of("target", "rastro.jar").toAbsolutePath().toString());
    command.add("--server.port=" + port);
    command.add("--rastro.security.bootstrap-admin-key=" + Api.ADMIN_KEY);
    properties.forEach(
        (key, value) -> {
          if (!key.startsWith("-D")) {
            command.add("--" + key + "=" + value);
          }
        });
    try {
      var log = Files.createDirectories(Path.of("target", "it-data")).resolve(name + ".log");
      var process =
          new ProcessBuilder(command)
              .redirectErrorStream(true)
              .redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile()))
              .start();
      var rastro = new RastroProcess(process, port, log);
      rastro.awaitHealthy();
      return rastro;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private void awaitHealthy() {
    var api = api();
    await()
        .atMost(Duration.ofMinutes(2))
        .pollInterval(Duration.ofMillis(250))
        .ignoreExceptions()
        .failFast("Rastro exited; see " + log, () -> !process.isAlive())
        .until(() -> api.get("/actuator/health").status() == 200);
  }

  public Api api() {
    return new Api(port);
  }

  /** The operating system's id of the process, for tools such as {@code jcmd}. */
  public long pid() {
    return process.pid();
  }

  /** Kills the process at once, as {@code kill -9} does: no shutdown hook runs. */
  public void kill() {
    Processes.end(process, true);
  }

  /** Stops the process as an operator would, letting it shut down gracefully. */
  @Override
  public void close() {
    Processes.end(process, false);
  }

  public static int freePort() {
    try (var socket = new ServerSocket(0)) {
      return socket.getLocalPort();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** The properties that give a process its own embedded database, reachable by the test. */
  public static Map<String, String> ownDatabase(Path dataDir, int postgresPort) {
    return Map.of(
        "rastro.data-dir", dataDir.toString(),
        "rastro.embedded-postgres-port", String.valueOf(postgresPort),
        "rastro.read-model.refresh-interval", "0");
  }
}
