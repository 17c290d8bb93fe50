package io.rastro.archive.internal;

import io.rastro.archive.ArchiveProperties;
import io.rastro.platform.NotFoundException;
import io.rastro.shipment.TrackingNumber;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.tags.Tag;
import java.net.URI;
import java.util.List;
import org.jspecify.annotations.Nullable;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;

/**
 * The archive for operators: start a run, follow it, see what the archive holds, restore a file.
 */
@Tag(name = "Administration")
@RestController
class ArchiveAdminController {

  private final Archiver archiver;
  private final ArchiveLedger ledger;
  private final ArchiveStore store;
  private final ArchiveProperties properties;

  ArchiveAdminController(
      Archiver archiver, ArchiveLedger ledger, ArchiveStore store, ArchiveProperties properties) {
    this.archiver = archiver;
    this.ledger = ledger;
    this.store = store;
    this.properties = properties;
  }

  /**
   * What the archive holds and its latest runs.
   *
   * @param store where its files are
   * @param after how old a shipment's last activity must be to leave PostgreSQL
   * @param schedule when runs start by themselves, or {@code -}
   * @param shipments shipments in the archive now (those brought back are not)
   * @param events their tracking events
   * @param files the verified files
   * @param bytes those files' size
   * @param postgresBytes what the archived rows took in PostgreSQL's tables (tuples, without
   *     indexes): the space the runs gave back, once vacuum reclaims it
   * @param runs the latest runs, newest first
   */
  @Schema(name = "ArchiveStatus")
  record Status(
      String store,
      String after,
      String schedule,
      long shipments,
      long events,
      long files,
      long bytes,
      long postgresBytes,
      List<ArchiveLedger.Run> runs) {}

  @Operation(operationId = "getArchive", summary = "What the archive holds and its latest runs")
  @GetMapping("/api/v1/admin/archive")
  Status status() {
    var totals = ledger.totals();
    return new Status(
        store.location(),
        properties.after(),
        properties.schedule(),
        totals.shipments(),
        totals.events(),
        totals.files(),
        totals.bytes(),
        totals.postgresBytes(),
        ledger.latestRuns(20));
  }

  @Operation(
      operationId = "runArchive",
      summary = "Starts an archive run now; 409 while one is under way")
  @PostMapping("/api/v1/admin/archive/run")
  @ResponseStatus(HttpStatus.ACCEPTED)
  @ApiResponse(
      responseCode = "409",
      description = "A run is under way, in this Rastro or another on the same database")
  ResponseEntity<ArchiveLedger.Run> run() {
    var run = archiver.start();
    return ResponseEntity.accepted()
        .location(URI.create("/api/v1/admin/archive/runs/" + run.id()))
        .body(run);
  }

  @Operation(operationId = "getArchiveRun", summary = "One archive run")
  @GetMapping("/api/v1/admin/archive/runs/{id}")
  ArchiveLedger.Run run(@PathVariable long id) {
    return ledger.run(id).orElseThrow(() -> new NotFoundException("No archive run " + id));
  }

  /**
   * A restore under way, or not needed.
   *
   * @param restoring whether the file needs time before it can be read ({@code false}: it can be
   *     read now)
   */
  @Schema(name = "ArchiveRestore")
  record Restore(String trackingNumber, String file, boolean restoring, @Nullable String detail) {}

  @Operation(
      operationId = "restoreArchivedShipment",
      summary = "Starts a restore of an archived shipment's file from a cold storage class")
  @PostMapping("/api/v1/admin/archive/restore/{trackingNumber}")
  @ResponseStatus(HttpStatus.ACCEPTED)
  ResponseEntity<Restore> restore(@PathVariable String trackingNumber) {
    var number = TrackingNumber.parse(trackingNumber, "trackingNumber");
    var file =
        ledger
            .file(number.value())
            .orElseThrow(() -> new NotFoundException("No shipment " + number + " in the archive"));
    var restoring = store.restore(file);
    return ResponseEntity.accepted()
        .body(
            new Restore(
                number.value(),
                file,
                restoring,
                restoring
                    ? "The store is restoring the file; the shipment reads once it is done"
                    : "The file reads without a restore"));
  }
}
