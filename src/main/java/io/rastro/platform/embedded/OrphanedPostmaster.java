package io.rastro.platform.embedded;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The embedded PostgreSQL runs detached from the JVM, so a {@code kill -9} of Rastro leaves its
 * server running and holding the data directory. Before starting, Rastro stops such an orphan
 * cleanly (a PostgreSQL fast shutdown writes everything committed), then starts its own.
 */
final class OrphanedPostmaster {

  private static final Logger log = LoggerFactory.getLogger(OrphanedPostmaster.class);
  private static final Duration SHUTDOWN_WAIT = Duration.ofSeconds(60);

  private OrphanedPostmaster() {}

  static void stopIfRunning(Path dataDirectory) throws IOException {
    var pidFile = dataDirectory.resolve("postmaster.pid");
    if (!Files.exists(pidFile)) {
      return;
    }
    var postmaster = pid(pidFile).flatMap(ProcessHandle::of).filter(OrphanedPostmaster::isPostgres);
    if (postmaster.isEmpty()) {
      return;
    }
    var process = postmaster.get();
    log.warn(
        "An earlier embedded PostgreSQL (pid {}) still holds {}; stopping it before starting",
        process.pid(),
        dataDirectory);
    // SIGTERM asks for a smart shutdown; its clients died with the earlier JVM, so it ends at once.
    process.destroy();
    try {
      process.onExit().get(SHUTDOWN_WAIT.toSeconds(), TimeUnit.SECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IOException("Interrupted while stopping the orphaned PostgreSQL", e);
    } catch (ExecutionException | TimeoutException e) {
      throw new IOException(
          "The orphaned PostgreSQL (pid %d) did not stop within %s; stop it and start Rastro again"
              .formatted(process.pid(), SHUTDOWN_WAIT),
          e);
    }
  }

  private static Optional<Long> pid(Path pidFile) throws IOException {
    try (var lines = Files.lines(pidFile)) {
      return lines.findFirst().map(String::strip).filter(s -> s.matches("\\d+")).map(Long::valueOf);
    }
  }

  private static boolean isPostgres(ProcessHandle process) {
    return process.isAlive()
        && process.info().command().map(c -> c.endsWith("postgres")).orElse(false);
  }
}
