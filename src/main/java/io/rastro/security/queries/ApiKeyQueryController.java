package io.rastro.security.queries;

import io.rastro.security.ApiKeys;
import java.util.List;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;

/** Lists the API keys, revoked ones included, never the keys themselves ({@code ADMIN} only). */
@RestController
class ApiKeyQueryController {

  private final ApiKeys keys;

  ApiKeyQueryController(ApiKeys keys) {
    this.keys = keys;
  }

  @GetMapping("/api/v1/admin/api-keys")
  List<ApiKeys.ApiKey> list() {
    return keys.list();
  }
}
