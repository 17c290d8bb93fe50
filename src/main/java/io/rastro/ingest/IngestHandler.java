package io.rastro.ingest;

import java.util.List;

/**
 * Writes the commands of one type. A module registers one as a bean; workers call it inside a
 * database transaction that commits before the queue forgets the commands, so it must be
 * idempotent: a command may be handed over again after a crash, and must then change nothing.
 */
public interface IngestHandler {

  /** The command type this handler writes. */
  String type();

  /**
   * Writes a batch of commands of this handler's type.
   *
   * @throws RuntimeException when the batch cannot be written; workers then retry each command
   *     alone, and set aside as a dead letter one that keeps failing
   */
  void handle(List<IngestCommand> commands);
}
