package io.rastro.security.queries;

import io.rastro.security.ApiKeys;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import java.util.List;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;

/** Lists the API keys, revoked ones included, never the keys themselves ({@code ADMIN} only). */
@Tag(name = "Administration")
@RestController
class ApiKeyQueryController {

  private final ApiKeys keys;

  ApiKeyQueryController(ApiKeys keys) {
    this.keys = keys;
  }

  @Operation(operationId = "listApiKeys", summary = "Every API key, without the keys themselves")
  @GetMapping("/api/v1/admin/api-keys")
  List<ApiKeys.ApiKey> list() {
    return keys.list();
  }
}
