package io.rastro.ingest;

import io.rastro.platform.ServiceUnavailableException;
import java.time.Instant;
import java.util.List;
import org.jspecify.annotations.Nullable;

/** The write-ahead queue, whichever backend holds it ({@code rastro.ingest.queue}). */
public interface IngestQueue {

  /**
   * Puts commands on the queue and returns once the queue holds all of them durably (a commit, a
   * publisher confirm, an fsync): only then may the API answer {@code 202}.
   *
   * @throws ServiceUnavailableException when the queue cannot take them; none may be assumed held
   */
  void enqueue(List<IngestCommand> commands);

  /** How much waits, for metrics and the admin view. */
  Depth depth();

  /** The backend's name, as configured. */
  String backend();

  /**
   * What waits on the queue.
   *
   * @param waiting commands not yet written (for a broker, those ready and those being written)
   * @param oldestAcceptedAt when the oldest of them was accepted; null when none waits or the
   *     backend cannot tell
   */
  record Depth(long waiting, @Nullable Instant oldestAcceptedAt) {}
}
