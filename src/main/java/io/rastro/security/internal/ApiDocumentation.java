package io.rastro.security.internal;

import io.swagger.v3.oas.models.Components;
import io.swagger.v3.oas.models.OpenAPI;
import io.swagger.v3.oas.models.headers.Header;
import io.swagger.v3.oas.models.info.Info;
import io.swagger.v3.oas.models.media.Schema;
import io.swagger.v3.oas.models.responses.ApiResponse;
import io.swagger.v3.oas.models.security.SecurityRequirement;
import io.swagger.v3.oas.models.security.SecurityScheme;
import io.swagger.v3.oas.models.tags.Tag;
import java.util.Arrays;
import java.util.LinkedHashSet;
import java.util.List;
import org.springdoc.core.customizers.OperationCustomizer;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.annotation.AnnotatedElementUtils;
import org.springframework.http.HttpHeaders;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestMethod;
import org.springframework.web.method.HandlerMethod;

/**
 * The OpenAPI document says how to authenticate, so that its UI can send a key, and what the
 * filters in front of every operation answer: {@code 401} for a key not in force (even on public
 * tracking: a wrong key is never served as the public), {@code 403} where the key's role may not,
 * {@code 429} over a rate limit. Public tracking needs no key.
 */
@Configuration(proxyBeanMethods = false)
class ApiDocumentation {

  /**
   * Runs while springdoc builds each operation, before any document customizer (so {@code
   * ProblemResponses} gives these the problem body).
   */
  @Bean
  OperationCustomizer securityResponses() {
    return (operation, handler) -> {
      var responses = operation.getResponses();
      responses.putIfAbsent(
          "401",
          new ApiResponse().description("The Authorization header names no API key in force"));
      responses.putIfAbsent(
          "429",
          new ApiResponse()
              .description("Over a rate limit (with Retry-After, in seconds)")
              .addHeaderObject(
                  HttpHeaders.RETRY_AFTER,
                  new Header()
                      .schema(new Schema<>().types(new LinkedHashSet<>(List.of("integer"))))));
      if (isPublic(handler)) {
        operation.setSecurity(List.of());
      } else {
        responses.putIfAbsent(
            "403",
            new ApiResponse()
                .description("The key's role may not do this, or not to this customer or carrier"));
      }
      return operation;
    };
  }

  private static boolean isPublic(HandlerMethod handler) {
    var mapping =
        AnnotatedElementUtils.findMergedAnnotation(handler.getMethod(), RequestMapping.class);
    return mapping != null
        && Arrays.asList(mapping.method()).contains(RequestMethod.GET)
        && Arrays.stream(mapping.path()).allMatch(SecurityConfiguration::isPublicTracking);
  }

  private static Tag tag(String name, String description) {
    return new Tag().name(name).description(description);
  }

  @Bean
  OpenAPI rastroOpenApi() {
    return new OpenAPI()
        .info(
            new Info()
                .title("Rastro")
                .description("Shipment tracking: commands answer 202, queries read the read model")
                .version("v1"))
        .tags(
            List.of(
                tag("Customers", "The shippers whose shipments Rastro tracks"),
                tag("Carriers", "The companies that move shipments and report their events"),
                tag(
                    "Shipments",
                    "Creating shipments (answered 202, written by the workers) and reading them"
                        + " back from the read model: one, a page, or a search"),
                tag(
                    "Tracking events",
                    "What carriers report: one event or a batch, answered 202 once durable"),
                tag("Public tracking", "What anyone with a tracking number may see, without a key"),
                tag("Event feed", "Every domain event in order, as pages or Server-Sent Events"),
                tag("Webhooks", "Endpoints that are sent the domain events, signed"),
                tag("Analytics", "Business figures over all history"),
                tag(
                    "Administration",
                    "API keys, the write-ahead queue and the checks and rebuilds of each store"),
                tag("Operations dashboard", "What the dashboard page fetches")))
        .components(
            new Components()
                .addSecuritySchemes(
                    "apiKey",
                    new SecurityScheme()
                        .type(SecurityScheme.Type.HTTP)
                        .scheme("bearer")
                        .description(
                            "An API key: Authorization: Bearer rastro_…; public tracking needs"
                                + " none")))
        .addSecurityItem(new SecurityRequirement().addList("apiKey"));
  }
}
