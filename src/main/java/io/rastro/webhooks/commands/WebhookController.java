package io.rastro.webhooks.commands;

import io.rastro.outbox.EventCatalog;
import io.rastro.platform.Caller;
import io.rastro.platform.InvalidRequestException;
import io.rastro.platform.NotFoundException;
import io.rastro.webhooks.WebhookDelivery;
import io.rastro.webhooks.WebhookEndpoint;
import io.rastro.webhooks.WebhookProperties;
import io.rastro.webhooks.internal.Deliveries;
import io.rastro.webhooks.internal.Signatures;
import io.rastro.webhooks.internal.Targets;
import io.rastro.webhooks.internal.WebhookEndpoints;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Size;
import java.net.URI;
import java.time.Clock;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.jspecify.annotations.Nullable;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PatchMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;

/**
 * {@code /api/v1/webhooks}: a shipper's key manages its own endpoints, which receive its customer's
 * shipments only; an {@code ADMIN} key manages every endpoint, and its own receive every shipment.
 */
@Tag(name = "Webhooks")
@RestController
class WebhookController {

  private final WebhookEndpoints endpoints;
  private final Deliveries deliveries;
  private final EventCatalog catalog;
  private final WebhookProperties properties;
  private final Clock clock;

  WebhookController(
      WebhookEndpoints endpoints,
      Deliveries deliveries,
      EventCatalog catalog,
      WebhookProperties properties,
      Clock clock) {
    this.endpoints = endpoints;
    this.deliveries = deliveries;
    this.catalog = catalog;
    this.properties = properties;
    this.clock = clock;
  }

  /** A new endpoint: where, and which CloudEvents types (all when none). */
  @Schema(
      example =
          """
          {"url": "https://shop.example.es/hooks/rastro",
           "eventTypes": ["io.rastro.shipment.delivered.v1"],
           "description": "Tell the shop when a parcel arrives"}
          """)
  record CreateWebhook(
      @NotBlank @Size(max = 2000) String url,
      @Nullable List<@NotBlank String> eventTypes,
      @Nullable @Size(max = 500) String description) {}

  /** What changes of an endpoint; what is absent stays. */
  @Schema(example = "{\"enabled\": false}")
  record UpdateWebhook(
      @Nullable @Size(max = 2000) String url,
      @Nullable List<@NotBlank String> eventTypes,
      @Nullable @Size(max = 500) String description,
      @Nullable Boolean enabled) {}

  @Operation(
      operationId = "createWebhook",
      summary = "Registers an endpoint; its signing secret is shown once")
  @PostMapping("/api/v1/webhooks")
  @ResponseStatus(HttpStatus.CREATED)
  Map<String, Object> create(@Valid @RequestBody CreateWebhook request) {
    var endpoint =
        new WebhookEndpoint(
            UUID.randomUUID(),
            Targets.check(request.url(), properties.allowPrivateTargets()),
            types(request.eventTypes()),
            request.description(),
            Caller.customerScope().orElse(null),
            true,
            null,
            null,
            clock.instant());
    var secret = Signatures.newSecret();
    endpoints.add(endpoint, secret);
    return withSecret(endpoint, secret);
  }

  @Operation(operationId = "listWebhooks", summary = "The caller's webhook endpoints")
  @GetMapping("/api/v1/webhooks")
  List<WebhookEndpoint> list() {
    return endpoints.list(Caller.customerScope().orElse(null));
  }

  @Operation(operationId = "getWebhook", summary = "One webhook endpoint")
  @GetMapping("/api/v1/webhooks/{id}")
  WebhookEndpoint get(@PathVariable UUID id) {
    return owned(id);
  }

  @Operation(
      operationId = "updateWebhook",
      summary = "Changes an endpoint's URL, event types or whether it is enabled")
  @PatchMapping("/api/v1/webhooks/{id}")
  WebhookEndpoint update(@PathVariable UUID id, @Valid @RequestBody UpdateWebhook request) {
    var current = owned(id);
    URI url =
        request.url() == null
            ? current.url()
            : Targets.check(request.url(), properties.allowPrivateTargets());
    var updated =
        new WebhookEndpoint(
            id,
            url,
            request.eventTypes() == null ? current.eventTypes() : types(request.eventTypes()),
            request.description() == null ? current.description() : request.description(),
            current.customerId(),
            request.enabled() == null ? current.enabled() : request.enabled(),
            current.disabledReason(),
            current.failingSince(),
            current.createdAt());
    endpoints.update(updated);
    return owned(id);
  }

  @Operation(operationId = "deleteWebhook", summary = "Removes an endpoint and its deliveries")
  @DeleteMapping("/api/v1/webhooks/{id}")
  @ResponseStatus(HttpStatus.NO_CONTENT)
  ResponseEntity<Void> delete(@PathVariable UUID id) {
    owned(id);
    endpoints.delete(id);
    return ResponseEntity.noContent().build();
  }

  /** A new secret; the old one goes on signing beside it for {@code secret-overlap} (24 h). */
  @Operation(
      operationId = "rotateWebhookSecret",
      summary = "A new signing secret; the old one also signs for 24 hours")
  @PostMapping("/api/v1/webhooks/{id}/rotate-secret")
  Map<String, Object> rotate(@PathVariable UUID id) {
    var endpoint = owned(id);
    var secret = Signatures.newSecret();
    Instant until = clock.instant().plus(properties.secretOverlap());
    endpoints.rotate(id, secret, until);
    var answer = withSecret(endpoint, secret);
    answer.put("previousSecretExpiresAt", until);
    return answer;
  }

  @Operation(
      operationId = "listWebhookDeliveries",
      summary = "An endpoint's deliveries, newest first")
  @GetMapping("/api/v1/webhooks/{id}/deliveries")
  List<WebhookDelivery> deliveries(
      @PathVariable UUID id, @RequestParam(defaultValue = "50") int limit) {
    if (limit < 1 || limit > 500) {
      throw new InvalidRequestException("limit", "must be between 1 and 500");
    }
    owned(id);
    return deliveries.list(id, limit);
  }

  @Operation(operationId = "redeliverWebhookDelivery", summary = "Sends a delivery again")
  @PostMapping("/api/v1/webhooks/{id}/deliveries/{deliveryId}/redeliver")
  @ResponseStatus(HttpStatus.ACCEPTED)
  Map<String, String> redeliver(@PathVariable UUID id, @PathVariable String deliveryId) {
    owned(id);
    if (!deliveries.redeliver(id, deliveryId, clock.instant())) {
      throw new NotFoundException("No delivery " + deliveryId + " to this endpoint");
    }
    return Map.of("id", deliveryId, "status", "pending");
  }

  private WebhookEndpoint owned(UUID id) {
    return endpoints
        .find(id, Caller.customerScope().orElse(null))
        .orElseThrow(() -> new NotFoundException("No webhook endpoint " + id));
  }

  private List<String> types(@Nullable List<String> types) {
    if (types == null) {
      return List.of();
    }
    for (var type : types) {
      if (!catalog.publishesCloudEventType(type)) {
        throw new InvalidRequestException(
            "eventTypes",
            "unknown event type '%s'; see the README's list of events".formatted(type));
      }
    }
    return types.stream().distinct().toList();
  }

  private static Map<String, Object> withSecret(WebhookEndpoint endpoint, String secret) {
    var answer = new LinkedHashMap<String, Object>();
    answer.put("id", endpoint.id());
    answer.put("url", endpoint.url());
    answer.put("eventTypes", endpoint.eventTypes());
    answer.put("description", endpoint.description());
    answer.put("customerId", endpoint.customerId());
    answer.put("enabled", endpoint.enabled());
    answer.put("createdAt", endpoint.createdAt());
    answer.put("secret", secret);
    return answer;
  }
}
