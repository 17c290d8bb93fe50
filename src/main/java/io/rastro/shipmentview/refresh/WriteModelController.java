package io.rastro.shipmentview.refresh;

import io.rastro.platform.NotFoundException;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.tags.Tag;
import java.io.BufferedWriter;
import java.io.IOException;
import java.io.OutputStreamWriter;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.servlet.mvc.method.annotation.StreamingResponseBody;

/**
 * The write model's side of the read-model check across two databases: the query role asks the
 * ingest role for it ({@code rastro.ingest-role.url}) and compares it with its projection.
 */
@Tag(name = "Administration")
@RestController
class WriteModelController {

  private final ShipmentDetailsRefresher refresher;
  private final Compared compared;
  private final JdbcClient jdbc;

  WriteModelController(ShipmentDetailsRefresher refresher, Compared compared, JdbcClient jdbc) {
    this.refresher = refresher;
    this.compared = compared;
    this.jdbc = jdbc;
  }

  /**
   * Recomputes the read model from the write model now, and lists each shipment's digest: a first
   * line {@code mark <txid> <position>} (the newest event in the outbox after the recomputation,
   * which the projection must have applied before it is compared; {@code mark none} when the outbox
   * is empty), then one line {@code <tracking number> <md5>} per shipment, in byte order.
   */
  @Operation(
      operationId = "writeModelDigests",
      summary = "Recomputes the read model and lists a digest of each shipment",
      description = "For the read-model check of a query role (rastro.role=query).")
  @ApiResponse(
      responseCode = "200",
      content = @Content(mediaType = "text/plain", schema = @Schema(type = "string")))
  @GetMapping(value = "/api/v1/admin/write-model/digests", produces = "text/plain")
  ResponseEntity<StreamingResponseBody> digests() {
    refresher.refresh();
    var mark =
        jdbc.sql(
                "select txid::text || ' ' || position from outbox"
                    + " order by txid desc, position desc limit 1")
            .query(String.class)
            .optional()
            .orElse("none");
    StreamingResponseBody body =
        out -> {
          var writer =
              new BufferedWriter(new OutputStreamWriter(out, StandardCharsets.UTF_8), 1 << 16);
          writer.write("mark " + mark + "\n");
          compared.digests(
              "shipment_details",
              (trackingNumber, digest) -> {
                try {
                  writer.write(trackingNumber + " " + digest + "\n");
                } catch (IOException e) {
                  throw new UncheckedIOException(e);
                }
              });
          writer.flush();
        };
    return ResponseEntity.ok().contentType(MediaType.TEXT_PLAIN).body(body);
  }

  /** One shipment's compared columns as the write model has them, as JSON text. */
  @Operation(
      operationId = "writeModelShipment",
      summary = "One shipment as the read-model check compares it")
  @GetMapping(
      value = "/api/v1/admin/write-model/compared/{trackingNumber}",
      produces = "text/plain")
  String compared(@PathVariable String trackingNumber) {
    return compared
        .one("shipment_details", trackingNumber)
        .orElseThrow(() -> new NotFoundException("No shipment " + trackingNumber));
  }
}
