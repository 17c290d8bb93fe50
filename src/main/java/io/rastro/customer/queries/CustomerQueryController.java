package io.rastro.customer.queries;

import io.rastro.customer.Customer;
import io.rastro.customer.Customers;
import io.rastro.platform.Caller;
import io.rastro.platform.NotFoundException;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import java.util.UUID;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RestController;

/** Reads one customer: {@code GET /api/v1/customers/{id}}. */
@Tag(name = "Customers")
@RestController
class CustomerQueryController {

  private final Customers customers;

  CustomerQueryController(Customers customers) {
    this.customers = customers;
  }

  @Operation(operationId = "getCustomer", summary = "One customer")
  @GetMapping("/api/v1/customers/{id}")
  Customer customer(@PathVariable UUID id) {
    // A shipper's key sees its own customer only; another one does not exist for it.
    return customers
        .find(id)
        .filter(c -> Caller.customerScope().map(id::equals).orElse(true))
        .orElseThrow(() -> new NotFoundException("No customer " + id));
  }
}
