package io.rastro.ingest.internal;

/**
 * The database could not be reached while writing a batch: nothing of it was written, and the queue
 * must keep all of it for a later try.
 */
public class TransientWriteFailure extends RuntimeException {

  TransientWriteFailure(Throwable cause) {
    super("The database is unreachable; the batch stays queued", cause);
  }
}
