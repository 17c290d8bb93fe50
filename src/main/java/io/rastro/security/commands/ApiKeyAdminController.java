package io.rastro.security.commands;

import io.rastro.carrier.Carriers;
import io.rastro.customer.Customers;
import io.rastro.platform.Caller;
import io.rastro.platform.FieldError;
import io.rastro.platform.InvalidRequestException;
import io.rastro.platform.NotFoundException;
import io.rastro.platform.UnknownReferenceException;
import io.rastro.security.ApiKeys;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.validation.Valid;
import java.net.URI;
import java.util.ArrayList;
import java.util.Locale;
import java.util.UUID;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;

/** Creates and revokes API keys ({@code ADMIN} only). */
@Tag(name = "Administration")
@RestController
class ApiKeyAdminController {

  private final ApiKeys keys;
  private final Customers customers;
  private final Carriers carriers;

  ApiKeyAdminController(ApiKeys keys, Customers customers, Carriers carriers) {
    this.keys = keys;
    this.customers = customers;
    this.carriers = carriers;
  }

  @Operation(operationId = "createApiKey", summary = "Issues an API key; the key is shown once")
  @PostMapping("/api/v1/admin/api-keys")
  @ResponseStatus(HttpStatus.CREATED)
  @ApiResponse(responseCode = "422", description = "No such customer or carrier")
  ResponseEntity<ApiKeys.Issued> create(@Valid @RequestBody CreateApiKey command) {
    var carrierCode =
        command.carrierCode() == null ? null : command.carrierCode().toUpperCase(Locale.ROOT);
    var errors = new ArrayList<FieldError>();
    if ((command.role() == Caller.Role.SHIPPER) != (command.customerId() != null)) {
      errors.add(new FieldError("customerId", "is required for a SHIPPER key, and only for one"));
    }
    if ((command.role() == Caller.Role.CARRIER) != (carrierCode != null)) {
      errors.add(new FieldError("carrierCode", "is required for a CARRIER key, and only for one"));
    }
    if (!errors.isEmpty()) {
      throw new InvalidRequestException(errors);
    }
    if (command.customerId() != null && !customers.exists(command.customerId())) {
      throw new UnknownReferenceException("customerId", "no customer " + command.customerId());
    }
    if (carrierCode != null && !carriers.exists(carrierCode)) {
      throw new UnknownReferenceException("carrierCode", "no carrier " + carrierCode);
    }
    var issued =
        keys.issue(command.name().strip(), command.role(), command.customerId(), carrierCode);
    return ResponseEntity.created(URI.create("/api/v1/admin/api-keys/" + issued.apiKey().id()))
        .body(issued);
  }

  /** Revokes a key: the next request with it is refused. */
  @Operation(operationId = "revokeApiKey", summary = "Revokes an API key")
  @DeleteMapping("/api/v1/admin/api-keys/{id}")
  @ResponseStatus(HttpStatus.NO_CONTENT)
  void revoke(@PathVariable UUID id) {
    if (!keys.revoke(id)) {
      throw new NotFoundException("No API key " + id);
    }
  }
}
