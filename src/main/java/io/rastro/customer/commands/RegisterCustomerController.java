package io.rastro.customer.commands;

import io.rastro.customer.Customer;
import io.rastro.customer.Customers;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.validation.Valid;
import java.net.URI;
import java.time.Clock;
import java.util.UUID;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;

/** The web adapter of {@link RegisterCustomer}. */
@Tag(name = "Customers")
@RestController
class RegisterCustomerController {

  private final Customers customers;
  private final Clock clock;

  RegisterCustomerController(Customers customers, Clock clock) {
    this.customers = customers;
    this.clock = clock;
  }

  @Operation(
      operationId = "registerCustomer",
      summary = "Registers a customer, the owner of shipments")
  @PostMapping("/api/v1/customers")
  @ResponseStatus(HttpStatus.CREATED)
  ResponseEntity<Customer> register(@Valid @RequestBody RegisterCustomer command) {
    var customer =
        new Customer(
            UUID.randomUUID(),
            command.name().strip(),
            command.email().strip(),
            command.phone(),
            clock.instant());
    customers.add(customer);
    return ResponseEntity.created(URI.create("/api/v1/customers/" + customer.id())).body(customer);
  }
}
