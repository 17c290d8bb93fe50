package io.rastro.support;

import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;

/** The servers that tests start as processes of their own: started, and ended. */
final class Processes {

  private Processes() {}

  /**
   * Starts a server, its output added to {@code log}, and waits until it {@code answers}, failing
   * at once if it exits first.
   */
  static Process start(List<String> command, Path log, Duration atMost, BooleanSupplier answers) {
    Process process;
    try {
      process =
          new ProcessBuilder(command)
              .redirectErrorStream(true)
              .redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile()))
              .start();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    await()
        .atMost(atMost)
        .pollInterval(Duration.ofMillis(100))
        .failFast(command.getFirst() + " exited; see " + log, () -> !process.isAlive())
        .until(answers::getAsBoolean);
    return process;
  }

  /**
   * Ends a process, as an operator stops it ({@code forcibly}: as {@code kill -9} does), and waits
   * for it to exit: a minute, then it is killed.
   */
  static void end(Process process, boolean forcibly) {
    if (forcibly) {
      process.destroyForcibly();
    } else {
      process.destroy();
    }
    try {
      if (!process.waitFor(1, TimeUnit.MINUTES)) {
        process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
