package io.rastro.shipmentview.refresh;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.servlet.http.HttpServletRequest;
import org.springframework.http.HttpHeaders;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;

/** The proof that the read model equals the write model, in every role that serves reads. */
@Tag(name = "Administration")
@RestController
class ReadModelCheckController {

  private final ReadModelCheck check;

  ReadModelCheckController(ReadModelCheck check) {
    this.check = check;
  }

  /** Compares the read model with a fresh recomputation from the write model. */
  @Operation(
      operationId = "checkReadModel",
      summary = "Compares every shipment of the read model with the write model")
  @GetMapping("/api/v1/admin/read-model/check")
  ReadModelCheck.Result check(HttpServletRequest request) {
    return check.check(request.getHeader(HttpHeaders.AUTHORIZATION));
  }
}
