package io.rastro.support;

import java.util.concurrent.TimeUnit;

/** Ending the servers that tests start as processes of their own. */
final class Processes {

  private Processes() {}

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
