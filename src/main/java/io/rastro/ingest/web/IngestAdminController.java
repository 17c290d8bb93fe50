package io.rastro.ingest.web;

import io.rastro.ingest.IngestQueue;
import io.rastro.ingest.internal.DeadLetters;
import io.rastro.ingest.internal.IngestMonitor;
import io.rastro.platform.InvalidRequestException;
import io.rastro.platform.NotFoundException;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import java.time.Instant;
import java.util.List;
import org.jspecify.annotations.Nullable;
import org.springframework.http.HttpStatus;
import org.springframework.transaction.support.TransactionTemplate;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;

/** The queue for operators: how much waits, and the dead letters, with a way to re-drive them. */
@Tag(name = "Administration")
@RestController
class IngestAdminController {

  private final IngestQueue queue;
  private final IngestMonitor monitor;
  private final DeadLetters deadLetters;
  private final TransactionTemplate transaction;

  IngestAdminController(
      IngestQueue queue,
      IngestMonitor monitor,
      DeadLetters deadLetters,
      TransactionTemplate transaction) {
    this.queue = queue;
    this.monitor = monitor;
    this.deadLetters = deadLetters;
    this.transaction = transaction;
  }

  /**
   * @param waiting commands accepted and not yet written
   * @param oldestAgeMs how long the oldest of them has waited
   */
  record QueueView(
      String backend,
      long waiting,
      @Nullable Instant oldestAcceptedAt,
      long oldestAgeMs,
      long deadLetters) {}

  @Operation(
      operationId = "getIngestQueue",
      summary = "The write-ahead queue: depth, oldest, dead letters")
  @GetMapping("/api/v1/admin/ingest")
  QueueView queue() {
    var depth = queue.depth();
    return new QueueView(
        queue.backend(),
        depth.waiting(),
        depth.oldestAcceptedAt(),
        monitor.oldestAge().toMillis(),
        deadLetters.count());
  }

  @Operation(operationId = "listDeadLetters", summary = "Commands the workers could not apply")
  @GetMapping("/api/v1/admin/dead-letters")
  List<DeadLetters.DeadLetter> deadLetters(@RequestParam(defaultValue = "100") int limit) {
    if (limit < 1 || limit > 1000) {
      throw new InvalidRequestException("limit", "must be between 1 and 1000");
    }
    return deadLetters.list(limit);
  }

  /** Queues a dead letter's command again, as it was first accepted. */
  @Operation(operationId = "redriveDeadLetter", summary = "Puts a dead letter back on the queue")
  @PostMapping("/api/v1/admin/dead-letters/{id}/redrive")
  @ResponseStatus(HttpStatus.ACCEPTED)
  void redrive(@PathVariable long id) {
    transaction.executeWithoutResult(
        status -> {
          var command =
              deadLetters.take(id).orElseThrow(() -> new NotFoundException("No dead letter " + id));
          // Queued before the dead letter's removal commits: a failure keeps the dead letter.
          queue.enqueue(List.of(command));
        });
  }
}
