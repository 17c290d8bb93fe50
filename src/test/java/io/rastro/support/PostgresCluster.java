package io.rastro.support;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.Assumptions;

/**
 * PostgreSQL servers made by the tests with the machine's PostgreSQL server binaries ({@code
 * initdb}, {@code pg_basebackup}, {@code pg_ctl}; Debian's under {@code
 * /usr/lib/postgresql/<version>/bin}), on free ports, in a directory of their own: a primary and
 * one streaming replica of it, or servers of their own. When the tests run as root, the servers run
 * as the {@code postgres} user (PostgreSQL refuses root). Where the binaries are missing the test
 * is skipped, and under CI it fails.
 */
public final class PostgresCluster implements AutoCloseable {

  private final Path bin;
  private final Path home;
  private final Map<String, Integer> ports = new LinkedHashMap<>();

  private PostgresCluster(Path bin, Path home) {
    this.bin = bin;
    this.home = home;
  }

  /** Makes and starts a primary and its replica, streaming; a few seconds. */
  public static PostgresCluster start() {
    var cluster = make();
    cluster.initialize("primary");
    cluster.start("primary");
    cluster.ports.put("replica", RastroProcess.freePort());
    cluster.run(
        "pg_basebackup",
        "-h",
        "127.0.0.1",
        "-p",
        Integer.toString(cluster.ports.get("primary")),
        "-U",
        "postgres",
        "-D",
        cluster.dir("replica"),
        "-R",
        "-X",
        "stream",
        "-c",
        "fast");
    cluster.start("replica");
    return cluster;
  }

  /** Makes and starts servers of their own, by these names. */
  public static PostgresCluster servers(String... names) {
    var cluster = make();
    for (var name : names) {
      cluster.initialize(name);
      cluster.start(name);
    }
    return cluster;
  }

  private static PostgresCluster make() {
    var bin = binaries().orElse(null);
    if (bin == null) {
      skip("no PostgreSQL server binaries under /usr/lib/postgresql");
      throw new IllegalStateException("unreachable");
    }
    try {
      var cluster = new PostgresCluster(bin, Files.createTempDirectory("rastro-cluster-"));
      cluster.own(cluster.home);
      return cluster;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private void initialize(String name) {
    ports.put(name, RastroProcess.freePort());
    run(
        "initdb",
        "-D",
        dir(name),
        "-U",
        "postgres",
        "-A",
        "trust",
        "--no-sync",
        "-E",
        "UTF8",
        "--locale=C.UTF-8");
    try {
      Files.writeString(
          home.resolve(name + "/pg_hba.conf"),
          "\nhost replication all 127.0.0.1/32 trust\n",
          java.nio.file.StandardOpenOption.APPEND);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** The JDBC URL of a server's {@code postgres} database. */
  public String url(String name) {
    return "jdbc:postgresql://127.0.0.1:" + ports.get(name) + "/postgres";
  }

  /** The JDBC URL of the primary's {@code postgres} database. */
  public String primaryUrl() {
    return url("primary");
  }

  /** The JDBC URL of the replica's {@code postgres} database. */
  public String replicaUrl() {
    return url("replica");
  }

  /** Stops a server at once, cutting its connections, as a crash or a failover would. */
  public void stop(String name) {
    run("pg_ctl", "-D", dir(name), "-m", "fast", "-w", "stop");
  }

  /** Starts a server again; a replica catches up with what it missed. */
  public void start(String name) {
    var port = ports.get(name);
    run(
        "pg_ctl",
        "-D",
        dir(name),
        "-l",
        dir(name + ".log"),
        "-w",
        "-o",
        "-p "
            + port
            + " -k "
            + home
            + " -c listen_addresses=127.0.0.1 -c fsync=off"
            + " -c max_connections=60",
        "start");
  }

  /** Holds the replica's replay: it stays up and answers, but shows nothing written since. */
  public void pauseReplay() {
    onReplica("select pg_wal_replay_pause()");
  }

  public void resumeReplay() {
    onReplica("select pg_wal_replay_resume()");
  }

  private void onReplica(String sql) {
    try (var connection = DriverManager.getConnection(replicaUrl(), "postgres", "");
        var statement = connection.createStatement()) {
      statement.execute(sql);
    } catch (SQLException e) {
      throw new IllegalStateException(e);
    }
  }

  @Override
  public void close() {
    var names = new ArrayList<>(ports.keySet());
    java.util.Collections.reverse(names);
    for (var name : names) {
      if (Files.exists(home.resolve(name + "/postmaster.pid"))) {
        run("pg_ctl", "-D", dir(name), "-m", "immediate", "-w", "stop");
      }
    }
    try (var files = Files.walk(home)) {
      files.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
    } catch (IOException e) {
      // left in the temporary directory
    }
  }

  private String dir(String name) {
    return home.resolve(name).toString();
  }

  private static boolean root() {
    return "root".equals(System.getProperty("user.name"));
  }

  private void own(Path path) {
    if (root()) {
      command(List.of("chown", "postgres:postgres", path.toString()));
    }
  }

  /** Runs one of the server's programs, as {@code postgres} when the tests run as root. */
  private void run(String program, String... args) {
    var command = new ArrayList<String>();
    if (root()) {
      command.addAll(List.of("runuser", "-u", "postgres", "--"));
    }
    command.add(bin.resolve(program).toString());
    command.addAll(List.of(args));
    command(command);
  }

  private void command(List<String> command) {
    try {
      var process =
          new ProcessBuilder(command)
              .redirectErrorStream(true)
              .redirectOutput(home.resolve("commands.log").toFile())
              .start();
      if (!process.waitFor(60, TimeUnit.SECONDS) || process.exitValue() != 0) {
        process.destroyForcibly();
        throw new IllegalStateException(
            "%s failed: %s".formatted(command, Files.readString(home.resolve("commands.log"))));
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }

  /** The newest server version's programs. */
  private static Optional<Path> binaries() {
    var root = Path.of("/usr/lib/postgresql");
    if (!Files.isDirectory(root)) {
      return Optional.empty();
    }
    try (Stream<Path> versions = Files.list(root)) {
      return versions
          .map(v -> v.resolve("bin"))
          .filter(b -> Files.isExecutable(b.resolve("initdb")))
          .filter(b -> Files.isExecutable(b.resolve("pg_basebackup")))
          .max(Comparator.comparing(b -> b.getParent().getFileName().toString()));
    } catch (IOException e) {
      return Optional.empty();
    }
  }

  private static void skip(String why) {
    if (System.getenv("CI") != null) {
      throw new IllegalStateException("CI runs this test with a PostgreSQL cluster: " + why);
    }
    Assumptions.abort("Skipped: " + why);
  }
}
