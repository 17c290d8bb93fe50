package io.rastro.support;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.Assumptions;

/**
 * A real Elasticsearch node on free ports, from the distribution the build unpacks to {@code
 * target/}, with its configuration, data, logs and console output in {@code
 * target/it-data/elasticsearch-<http port>}.
 *
 * <p>The distribution bundles no JDK: the node runs on the newest JDK 17 to 23 of the machine
 * (Elasticsearch 8 needs the SecurityManager, which later JDKs lack), or on {@code ES_JAVA_HOME}.
 * Elasticsearch refuses to run as root: when the tests run as root, the node runs as {@code nobody}
 * (through {@code setpriv}), which owns the node's directory. Where the machine cannot run a node
 * the test is skipped, except in CI (environment variable {@code CI}), where it fails.
 *
 * <p>A node whose test JVM dies without stopping it (say, {@code kill -9}) is stopped by a watchdog
 * process that waits for the JVM's end of a pipe to close.
 */
public final class ElasticsearchNode implements AutoCloseable {

  /** The version the pom unpacks ({@code elasticsearch.version}). */
  static final String VERSION = "8.17.0";

  private static final Path DISTRIBUTION = Path.of("target", "elasticsearch-" + VERSION);

  /**
   * A node starts in 30 to 60 s on these two cores; a restart beside a busy Rastro once stayed in
   * "starting" past 90 s in CI.
   */
  private static final Duration HEALTHY_WITHIN = Duration.ofMinutes(3);

  private static final Duration STOPPED_WITHIN = Duration.ofSeconds(60);
  private static final HttpClient HTTP =
      HttpClient.newBuilder()
          .version(HttpClient.Version.HTTP_1_1)
          .connectTimeout(Duration.ofSeconds(2))
          .build();

  private static @Nullable ElasticsearchNode shared;
  private static @Nullable RuntimeException sharedFailure;

  private final Path home;
  private final int port;
  private final List<String> command;
  private final Map<String, String> environment;
  private final boolean isShared;
  private @Nullable Process process;
  private @Nullable Process watchdog;
  private boolean closed;

  private ElasticsearchNode(
      Path home, int port, List<String> command, Map<String, String> environment, boolean shared) {
    this.home = home;
    this.port = port;
    this.command = command;
    this.environment = environment;
    this.isShared = shared;
  }

  /**
   * One node per test JVM, started on first use and stopped at JVM exit: most tests share it (use
   * distinct index names). It is not the caller's to stop: {@link #close()} does nothing, and
   * {@link #stop()}, {@link #kill()} and {@link #startAgain()} refuse.
   */
  public static synchronized ElasticsearchNode shared() {
    if (sharedFailure != null) {
      throw sharedFailure;
    }
    if (shared == null) {
      try {
        var node = launch(true);
        Runtime.getRuntime().addShutdownHook(new Thread(node::halt, "elasticsearch-shared-stop"));
        shared = node;
      } catch (RuntimeException e) {
        sharedFailure = e;
        throw e;
      }
    }
    return shared;
  }

  /** A node of the caller's own, which it may stop and start (data kept between). */
  public static ElasticsearchNode start() {
    return launch(false);
  }

  private static ElasticsearchNode launch(boolean shared) {
    var launcher = DISTRIBUTION.resolve("bin").resolve("elasticsearch").toAbsolutePath();
    if (!Files.isExecutable(launcher)) {
      skip("no " + launcher + " (the build unpacks it: ./mvnw process-test-classes)");
    }
    var javaHome = javaHome();
    if (javaHome.isEmpty()) {
      skip("no JDK 17 to 23 under /usr/lib/jvm (Elasticsearch " + VERSION + " needs one)");
    }
    var command = new ArrayList<String>();
    var user = unprivilegedUser();
    if (user != null) {
      command.addAll(
          List.of("setpriv", "--reuid=" + user.uid(), "--regid=" + user.gid(), "--clear-groups"));
    }
    command.add(launcher.toString());
    try {
      // A port no earlier node of this build used: its directory holds that node's data.
      var port = RastroProcess.freePort();
      while (Files.exists(directory(port))) {
        port = RastroProcess.freePort();
      }
      var transportPort = RastroProcess.freePort();
      while (transportPort == port) {
        transportPort = RastroProcess.freePort();
      }
      var home = Files.createDirectories(directory(port)).toAbsolutePath();
      configure(home, port, transportPort);
      if (user != null) {
        try (var files = Files.walk(home)) {
          for (var file : files.toList()) {
            Files.setAttribute(file, "unix:uid", user.uid());
            Files.setAttribute(file, "unix:gid", user.gid());
          }
        }
      }
      var environment =
          Map.of(
              "ES_JAVA_HOME", javaHome.orElseThrow().toString(),
              "ES_PATH_CONF", home.resolve("config").toString(),
              "ES_TMPDIR", home.resolve("tmp").toString(),
              "ES_JAVA_OPTS", "-Xms512m -Xmx512m");
      var node = new ElasticsearchNode(home, port, List.copyOf(command), environment, shared);
      node.up();
      return node;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static Path directory(int port) {
    return Path.of("target", "it-data", "elasticsearch-" + port);
  }

  /**
   * The node's own configuration: the distribution's, with the node's settings, and the JVM's files
   * (GC log, heap dumps) in the node's directory rather than the shared distribution's.
   */
  private static void configure(Path home, int port, int transportPort) throws IOException {
    var config = home.resolve("config");
    try (var files = Files.walk(DISTRIBUTION.resolve("config"))) {
      for (var source : files.toList()) {
        var target = config.resolve(DISTRIBUTION.resolve("config").relativize(source).toString());
        if (Files.isDirectory(source)) {
          Files.createDirectories(target);
        } else {
          Files.copy(source, target);
        }
      }
    }
    for (var directory : List.of("data", "logs", "tmp")) {
      Files.createDirectories(home.resolve(directory));
    }
    Files.writeString(
        config.resolve("elasticsearch.yml"),
        String.join(
            "\n",
            "cluster.name: rastro-it-" + port,
            "node.name: rastro-it-" + port,
            "discovery.type: single-node",
            "network.host: 127.0.0.1",
            "http.port: " + port,
            "transport.port: " + transportPort,
            "path.data: " + home.resolve("data"),
            "path.logs: " + home.resolve("logs"),
            // The integ-test distribution has x-pack-security: plain HTTP, no passwords.
            "xpack.security.enabled: false",
            // The disk may be fairly full: allocate shards whatever its watermarks say.
            "cluster.routing.allocation.disk.threshold_enabled: false",
            "action.destructive_requires_name: false",
            ""));
    // Elasticsearch starts its JVM in the distribution's folder: relative paths point there.
    var jvmOptions = config.resolve("jvm.options");
    Files.writeString(
        jvmOptions,
        Files.readString(jvmOptions)
            .replace("=logs/", "=" + home.resolve("logs") + "/")
            .replace("HeapDumpPath=data", "HeapDumpPath=" + home.resolve("data")));
  }

  private static void skip(String why) {
    if (System.getenv("CI") != null) {
      throw new IllegalStateException("CI runs this test with an Elasticsearch node: " + why);
    }
    Assumptions.abort("Skipped: " + why);
  }

  /** {@code ES_JAVA_HOME}, else the newest JDK 17 to 23 of this JVM's and /usr/lib/jvm's. */
  private static Optional<Path> javaHome() {
    var given = System.getenv("ES_JAVA_HOME");
    if (given != null && !given.isBlank()) {
      return Optional.of(Path.of(given));
    }
    var candidates = new ArrayList<Path>();
    candidates.add(Path.of(System.getProperty("java.home")));
    var jvms = Path.of("/usr/lib/jvm");
    if (Files.isDirectory(jvms)) {
      try (var children = Files.list(jvms)) {
        children.forEach(candidates::add);
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
    }
    return candidates.stream()
        .filter(jdk -> Files.isExecutable(jdk.resolve("bin").resolve("java")))
        .filter(jdk -> featureVersion(jdk) >= 17 && featureVersion(jdk) <= 23)
        .max(Comparator.comparingInt(ElasticsearchNode::featureVersion));
  }

  private static final Pattern JAVA_VERSION = Pattern.compile("JAVA_VERSION=\"(\\d+)");

  /** The JDK's feature version, from its {@code release} file (0 when unknown, 1 for 1.8). */
  private static int featureVersion(Path jdk) {
    try {
      var matcher = JAVA_VERSION.matcher(Files.readString(jdk.resolve("release")));
      return matcher.find() ? Integer.parseInt(matcher.group(1)) : 0;
    } catch (IOException e) {
      return 0;
    }
  }

  private record User(int uid, int gid) {}

  /** Who runs the node when the tests run as root: {@code nobody}. Null: the tests' own user. */
  private static @Nullable User unprivilegedUser() {
    if (!"root".equals(System.getProperty("user.name"))) {
      return null;
    }
    if (Stream.of("/usr/bin/setpriv", "/bin/setpriv")
        .noneMatch(p -> Files.isExecutable(Path.of(p)))) {
      skip("the tests run as root, which Elasticsearch refuses, and there is no setpriv");
    }
    try {
      for (var line : Files.readAllLines(Path.of("/etc/passwd"))) {
        var fields = line.split(":");
        if (fields.length > 3 && fields[0].equals("nobody")) {
          return new User(Integer.parseInt(fields[2]), Integer.parseInt(fields[3]));
        }
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    skip("the tests run as root, which Elasticsearch refuses, and there is no user nobody");
    return null;
  }

  /** {@code http://127.0.0.1:<port>}. */
  public String uri() {
    return "http://127.0.0.1:" + port;
  }

  /** The operating system's id of the node's launcher, whose child is the node's JVM. */
  public long pid() {
    var running = process;
    if (running == null) {
      throw new IllegalStateException("Elasticsearch at " + uri() + " is not running");
    }
    return running.pid();
  }

  /** The node's directory: its configuration, data, logs, and console output. */
  public Path home() {
    return home;
  }

  /** Stops the node gracefully (SIGTERM, then kill if it takes a minute), keeping its data. */
  public synchronized void stop() {
    refuseIfShared("stop");
    halt();
  }

  /** Starts the node again on the same ports and data, and waits until it is healthy. */
  public synchronized void startAgain() {
    refuseIfShared("start again");
    if (closed) {
      throw new IllegalStateException("Elasticsearch at " + uri() + " is closed");
    }
    var running = process;
    if (running != null && running.isAlive()) {
      throw new IllegalStateException("Elasticsearch at " + uri() + " is running");
    }
    destroyForcibly(); // what is left of a node that died by itself: its watchdog
    up();
  }

  /** Kills the node at once, as {@code kill -9} does, keeping its data. */
  public synchronized void kill() {
    refuseIfShared("kill");
    destroyForcibly();
  }

  /** Stops the node for good; for the shared node, nothing (the end of the JVM stops it). */
  @Override
  public synchronized void close() {
    if (isShared) {
      return;
    }
    halt();
    closed = true;
  }

  private void refuseIfShared(String what) {
    if (isShared) {
      throw new UnsupportedOperationException(
          "The shared node is every test's: start() a node of your own to " + what);
    }
  }

  private synchronized void up() {
    var console = home.resolve("console.log");
    try {
      var builder =
          new ProcessBuilder(command)
              .redirectErrorStream(true)
              .redirectOutput(ProcessBuilder.Redirect.appendTo(console.toFile()));
      builder.environment().remove("JAVA_HOME");
      builder.environment().remove("JAVA_TOOL_OPTIONS");
      builder.environment().putAll(environment);
      var startedAt = System.nanoTime();
      var started = builder.start();
      process = started;
      watchdog =
          new ProcessBuilder("sh", "-c", "read -r line; kill " + started.pid() + " 2>/dev/null")
              .redirectOutput(ProcessBuilder.Redirect.DISCARD)
              .redirectError(ProcessBuilder.Redirect.DISCARD)
              .start();
      await()
          .atMost(HEALTHY_WITHIN)
          .pollInterval(Duration.ofMillis(250))
          .ignoreExceptions()
          .failFast("Elasticsearch exited", () -> !started.isAlive())
          .until(this::healthy);
      System.out.printf(
          "Elasticsearch %s at %s healthy in %d ms%n",
          VERSION, uri(), Duration.ofNanos(System.nanoTime() - startedAt).toMillis());
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } catch (RuntimeException e) {
      destroyForcibly();
      throw new IllegalStateException(
          "Elasticsearch at "
              + uri()
              + " was not healthy: "
              + e.getMessage()
              + "\nThe end of "
              + console
              + ":\n"
              + tail(console, 40),
          e);
    }
  }

  private boolean healthy() throws IOException, InterruptedException {
    var request =
        HttpRequest.newBuilder(
                URI.create(uri() + "/_cluster/health?wait_for_status=yellow&timeout=1s"))
            .timeout(Duration.ofSeconds(5))
            .GET()
            .build();
    return HTTP.send(request, HttpResponse.BodyHandlers.discarding()).statusCode() == 200;
  }

  /** Stops the node gracefully: the launcher, on SIGTERM, stops the server it started. */
  private synchronized void halt() {
    var running = process;
    if (running == null) {
      return;
    }
    stopWatchdog();
    var all = Stream.concat(Stream.of(running.toHandle()), running.descendants()).toList();
    running.destroy();
    if (!awaitExit(all)) {
      all.forEach(ProcessHandle::destroyForcibly);
      awaitExit(all);
    }
    process = null;
  }

  /** Kills the launcher and the server it started, as {@code kill -9} does. */
  private synchronized void destroyForcibly() {
    var running = process;
    if (running == null) {
      return;
    }
    stopWatchdog();
    var all = Stream.concat(Stream.of(running.toHandle()), running.descendants()).toList();
    all.forEach(ProcessHandle::destroyForcibly);
    awaitExit(all);
    process = null;
  }

  private void stopWatchdog() {
    var dog = watchdog;
    if (dog != null) {
      dog.destroyForcibly();
      watchdog = null;
    }
  }

  private static boolean awaitExit(List<ProcessHandle> processes) {
    try {
      CompletableFuture.allOf(
              processes.stream().map(ProcessHandle::onExit).toArray(CompletableFuture[]::new))
          .get(STOPPED_WITHIN.toSeconds(), TimeUnit.SECONDS);
      return true;
    } catch (TimeoutException e) {
      return false;
    } catch (ExecutionException e) {
      throw new IllegalStateException(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return false;
    }
  }

  private static String tail(Path file, int lines) {
    try {
      var all = new String(Files.readAllBytes(file), UTF_8).split("\n");
      return String.join(
          "\n", Arrays.copyOfRange(all, Math.max(0, all.length - lines), all.length));
    } catch (IOException e) {
      return "(unreadable: " + e.getMessage() + ")";
    }
  }
}
