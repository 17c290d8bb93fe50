package io.rastro.shipment.commands;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.validation.Valid;
import java.net.URI;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;

/**
 * The web adapter of {@link CreateShipment}: {@code 202 Accepted} for a new shipment (the read
 * model shows it after its next refresh), {@code 200} for one found by its reference.
 */
@Tag(name = "Shipments")
@RestController
class CreateShipmentController {

  private final CreateShipmentHandler handler;

  CreateShipmentController(CreateShipmentHandler handler) {
    this.handler = handler;
  }

  @Operation(
      operationId = "createShipment",
      summary = "Accepts a new shipment (202: written by the workers)")
  @PostMapping("/api/v1/shipments")
  @ResponseStatus(HttpStatus.ACCEPTED)
  @ApiResponse(
      responseCode = "200",
      description = "This customer's shipment with this reference, already written")
  @ApiResponse(responseCode = "422", description = "No such customer or carrier")
  ResponseEntity<ShipmentAccepted> create(@Valid @RequestBody CreateShipment command) {
    var accepted = handler.handle(command);
    return ResponseEntity.status(accepted.created() ? HttpStatus.ACCEPTED : HttpStatus.OK)
        .location(URI.create("/api/v1/shipments/" + accepted.trackingNumber()))
        .body(accepted);
  }
}
