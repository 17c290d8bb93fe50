package io.rastro.ingest.embedded;

import java.time.Duration;
import org.springframework.stereotype.Component;

/**
 * Wakes this instance's idle workers when the API queues a command, so that an idle Rastro writes
 * within milliseconds; other instances' workers find it at their next poll.
 */
@Component
class QueueSignal {

  private final Object monitor = new Object();
  private long arrivals;

  void commandsArrived() {
    synchronized (monitor) {
      arrivals++;
      monitor.notifyAll();
    }
  }

  /** Waits until a command arrives or the timeout passes. */
  void await(Duration timeout) throws InterruptedException {
    synchronized (monitor) {
      var seen = arrivals;
      var deadline = System.nanoTime() + timeout.toNanos();
      while (arrivals == seen) {
        var left = deadline - System.nanoTime();
        if (left <= 0) {
          return;
        }
        monitor.wait(Math.max(1, left / 1_000_000));
      }
    }
  }
}
