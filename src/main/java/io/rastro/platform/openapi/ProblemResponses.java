package io.rastro.platform.openapi;

import io.swagger.v3.oas.models.OpenAPI;
import io.swagger.v3.oas.models.Operation;
import io.swagger.v3.oas.models.media.Content;
import io.swagger.v3.oas.models.media.MediaType;
import io.swagger.v3.oas.models.media.Schema;
import io.swagger.v3.oas.models.parameters.Parameter;
import io.swagger.v3.oas.models.responses.ApiResponse;
import io.swagger.v3.oas.models.responses.ApiResponses;
import java.util.List;
import org.springdoc.core.customizers.OpenApiCustomizer;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Component;

/**
 * Adds to every operation the errors it can answer, as {@code application/problem+json} with one
 * shared {@code Problem} schema: {@code 400} where it reads a body or parameters, {@code 415} where
 * it reads a body, {@code 404} where its path names something, {@code 500} and {@code 503} (the
 * database out of reach) everywhere. Statuses an operation declares itself
 * ({@code @ApiResponse(responseCode = "409")}, or those the security module adds) get the same
 * body, whatever springdoc guessed for them.
 */
@Component
class ProblemResponses implements OpenApiCustomizer {

  private static final String PROBLEM_JSON =
      org.springframework.http.MediaType.APPLICATION_PROBLEM_JSON_VALUE;

  @Override
  public void customise(OpenAPI api) {
    api.getComponents().addSchemas("FieldError", fieldError()).addSchemas("Problem", problem());
    if (api.getPaths() == null) {
      return;
    }
    api.getPaths().values().stream()
        .flatMap(path -> path.readOperations().stream())
        .forEach(ProblemResponses::document);
  }

  private static void document(Operation operation) {
    var responses = operation.getResponses();
    var parameters =
        operation.getParameters() == null ? List.<Parameter>of() : operation.getParameters();
    if (operation.getRequestBody() != null || !parameters.isEmpty()) {
      declare(responses, HttpStatus.BAD_REQUEST, "The request is malformed or a field is invalid");
    }
    if (operation.getRequestBody() != null) {
      declare(
          responses,
          HttpStatus.UNSUPPORTED_MEDIA_TYPE,
          "The body's Content-Type is not one the operation reads");
    }
    if (parameters.stream().anyMatch(p -> "path".equals(p.getIn()))) {
      declare(responses, HttpStatus.NOT_FOUND, "Nothing by that name (or not visible to this key)");
    }
    declare(
        responses, HttpStatus.INTERNAL_SERVER_ERROR, "Rastro failed; nothing partial was written");
    declare(
        responses,
        HttpStatus.SERVICE_UNAVAILABLE,
        "The database or the queue cannot take the request now (with Retry-After); send it again");
    shareSuccessBody(responses);
    responses.forEach(
        (code, response) -> {
          if (code.charAt(0) >= '4') {
            response.setContent(
                new Content()
                    .addMediaType(PROBLEM_JSON, new MediaType().schema(Schemas.ref("Problem"))));
          }
        });
  }

  /**
   * A second success an operation declares by annotation only ({@code 200} beside {@code 202}:
   * already written) answers the same body as the first.
   */
  private static void shareSuccessBody(ApiResponses responses) {
    var body =
        responses.entrySet().stream()
            .filter(e -> e.getKey().startsWith("2") && !isEmpty(e.getValue().getContent()))
            .map(e -> e.getValue().getContent())
            .findFirst();
    body.ifPresent(
        content ->
            responses.forEach(
                (code, response) -> {
                  if (code.startsWith("2")
                      && !code.equals("204")
                      && isEmpty(response.getContent())) {
                    response.setContent(content);
                  }
                }));
  }

  private static void declare(ApiResponses responses, HttpStatus status, String description) {
    responses.putIfAbsent(
        String.valueOf(status.value()), new ApiResponse().description(description));
  }

  private static boolean isEmpty(Content content) {
    return content == null || content.isEmpty();
  }

  private static Schema<?> problem() {
    var errors = Schemas.typed("array");
    errors.setDescription("The fields at fault");
    errors.setItems(Schemas.ref("FieldError"));
    var problem = Schemas.typed("object");
    problem.setDescription("An error, as RFC 9457 problem details");
    problem.addProperty("type", Schemas.typed("string").format("uri"));
    problem.addProperty("title", Schemas.typed("string"));
    problem.addProperty("status", Schemas.typed("integer").format("int32"));
    problem.addProperty("detail", Schemas.typed("string"));
    problem.addProperty("instance", Schemas.typed("string").format("uri-reference"));
    problem.addProperty("errors", errors);
    problem.setRequired(List.of("title", "status"));
    return problem;
  }

  private static Schema<?> fieldError() {
    var error = Schemas.typed("object");
    error.addProperty("field", Schemas.typed("string").description("The JSON path of the field"));
    error.addProperty("detail", Schemas.typed("string").description("What is wrong with it"));
    error.setRequired(List.of("field", "detail"));
    return error;
  }
}
