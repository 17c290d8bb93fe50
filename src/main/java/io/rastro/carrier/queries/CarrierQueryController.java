package io.rastro.carrier.queries;

import io.rastro.carrier.Carrier;
import io.rastro.carrier.Carriers;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import java.util.List;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;

/** Lists carriers: {@code GET /api/v1/carriers}. */
@Tag(name = "Carriers")
@RestController
class CarrierQueryController {

  private final Carriers carriers;

  CarrierQueryController(Carriers carriers) {
    this.carriers = carriers;
  }

  @Operation(operationId = "listCarriers", summary = "Every carrier")
  @GetMapping("/api/v1/carriers")
  List<Carrier> carriers() {
    return carriers.all();
  }
}
