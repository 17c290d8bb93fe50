package io.rastro.carrier.commands;

import io.rastro.carrier.Carrier;
import io.rastro.carrier.Carriers;
import io.rastro.platform.ConflictException;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.validation.Valid;
import java.net.URI;
import java.time.Clock;
import java.util.Locale;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;

/** The web adapter of {@link RegisterCarrier}. */
@Tag(name = "Carriers")
@RestController
class RegisterCarrierController {

  private final Carriers carriers;
  private final Clock clock;

  RegisterCarrierController(Carriers carriers, Clock clock) {
    this.carriers = carriers;
    this.clock = clock;
  }

  @Operation(operationId = "registerCarrier", summary = "Registers a carrier by its code")
  @PostMapping("/api/v1/carriers")
  @ResponseStatus(HttpStatus.CREATED)
  @ApiResponse(responseCode = "409", description = "A carrier with this code exists")
  ResponseEntity<Carrier> register(@Valid @RequestBody RegisterCarrier command) {
    var carrier =
        new Carrier(
            command.code().toUpperCase(Locale.ROOT), command.name().strip(), clock.instant());
    if (!carriers.add(carrier)) {
      throw new ConflictException("A carrier with code " + carrier.code() + " already exists");
    }
    return ResponseEntity.created(URI.create("/api/v1/carriers")).body(carrier);
  }
}
