package io.rastro.platform.web;

import io.rastro.platform.ConflictException;
import io.rastro.platform.FieldError;
import io.rastro.platform.ForbiddenException;
import io.rastro.platform.InvalidRequestException;
import io.rastro.platform.JsonErrors;
import io.rastro.platform.NotFoundException;
import io.rastro.platform.PayloadTooLargeException;
import io.rastro.platform.ServerErrorsKeepConnections;
import io.rastro.platform.ServiceUnavailableException;
import io.rastro.platform.UnknownReferenceException;
import java.util.List;
import org.apache.tomcat.util.http.InvalidParameterException;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.dao.DataAccessResourceFailureException;
import org.springframework.dao.QueryTimeoutException;
import org.springframework.dao.TransientDataAccessException;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.HttpStatusCode;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.http.converter.HttpMessageNotReadableException;
import org.springframework.web.bind.MethodArgumentNotValidException;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;
import org.springframework.web.context.request.WebRequest;
import org.springframework.web.method.annotation.MethodArgumentTypeMismatchException;
import org.springframework.web.servlet.mvc.method.annotation.ResponseEntityExceptionHandler;
import tools.jackson.core.JacksonException;

/**
 * Renders every error as {@code application/problem+json} (RFC 9457). Field problems go in an
 * {@code errors} array of {@code {field, detail}}; no body ever carries a stack trace or SQL.
 */
@RestControllerAdvice
class ProblemHandler extends ResponseEntityExceptionHandler {

  private static final Logger log = LoggerFactory.getLogger(ProblemHandler.class);

  @ExceptionHandler
  ProblemDetail invalid(InvalidRequestException e) {
    return withErrors(HttpStatus.BAD_REQUEST, "Invalid request", e.errors());
  }

  @ExceptionHandler
  ProblemDetail unknownReference(UnknownReferenceException e) {
    return withErrors(HttpStatus.UNPROCESSABLE_CONTENT, "Unknown reference", List.of(e.error()));
  }

  @ExceptionHandler
  ProblemDetail forbidden(ForbiddenException e) {
    return withErrors(HttpStatus.FORBIDDEN, "Forbidden", List.of(e.error()));
  }

  @ExceptionHandler
  ProblemDetail notFound(NotFoundException e) {
    return problem(HttpStatus.NOT_FOUND, "Not found", e.getMessage());
  }

  @ExceptionHandler
  ResponseEntity<ProblemDetail> conflict(ConflictException e) {
    var answer = ResponseEntity.status(HttpStatus.CONFLICT);
    e.retryAfter()
        .ifPresent(
            wait ->
                answer.header(
                    HttpHeaders.RETRY_AFTER, String.valueOf(Math.max(1, wait.toSeconds()))));
    return answer.body(problem(HttpStatus.CONFLICT, "Conflict", e.getMessage()));
  }

  @ExceptionHandler
  ProblemDetail tooLarge(PayloadTooLargeException e) {
    return problem(HttpStatus.CONTENT_TOO_LARGE, "Request too large", e.getMessage());
  }

  @ExceptionHandler
  ResponseEntity<ProblemDetail> unavailable(ServiceUnavailableException e) {
    if (e.getCause() != null) {
      log.warn("Refused a request: {} ({})", e.getMessage(), String.valueOf(e.getCause()));
    } else {
      // A refusal by design (a full queue, a read not caught up yet), counted where it is made;
      // at a warning per request, a spike would flood the log.
      log.debug("Refused a request: {}", e.getMessage());
    }
    return ResponseEntity.status(HttpStatus.SERVICE_UNAVAILABLE)
        .header(HttpHeaders.RETRY_AFTER, String.valueOf(Math.max(1, e.retryAfter().toSeconds())))
        .body(problem(HttpStatus.SERVICE_UNAVAILABLE, "Temporarily unavailable", e.getMessage()));
  }

  /** A query string whose percent-encoding does not decode to UTF-8 text. */
  @ExceptionHandler
  ProblemDetail undecodableParameter(InvalidParameterException e) {
    return problem(
        HttpStatus.BAD_REQUEST,
        "Invalid request",
        "A query parameter is not valid percent-encoded UTF-8");
  }

  @ExceptionHandler
  ProblemDetail typeMismatch(MethodArgumentTypeMismatchException e) {
    return withErrors(
        HttpStatus.BAD_REQUEST,
        "Invalid request",
        List.of(new FieldError(e.getName(), "cannot read '%s'".formatted(e.getValue()))));
  }

  /** A statement past its timeout: a read slower than Rastro lets one run. */
  @ExceptionHandler
  ResponseEntity<ProblemDetail> timedOut(QueryTimeoutException e) {
    log.warn("A statement timed out: {}", e.getMessage());
    return unavailable(
        "The database did not answer in time; nothing was changed. Try again shortly.", 1);
  }

  @ExceptionHandler({DataAccessResourceFailureException.class, TransientDataAccessException.class})
  ResponseEntity<ProblemDetail> databaseUnavailable(RuntimeException e) {
    log.warn("Database unavailable: {}", e.getMessage());
    // an error the database reported and survived: it could not reach a server it relies on
    var remote =
        e instanceof DataAccessResourceFailureException
            ? ServerErrorsKeepConnections.survived(e)
            : null;
    if (remote != null) {
      return unavailable(
          "The database cannot reach a server it relies on (%s); nothing was changed. Try again"
                  .formatted(remote)
              + " shortly.",
          5);
    }
    return unavailable("The database is not reachable; nothing was changed. Try again shortly.", 5);
  }

  private static ResponseEntity<ProblemDetail> unavailable(String detail, int retryAfterSeconds) {
    return ResponseEntity.status(HttpStatus.SERVICE_UNAVAILABLE)
        .header(HttpHeaders.RETRY_AFTER, Integer.toString(retryAfterSeconds))
        .body(problem(HttpStatus.SERVICE_UNAVAILABLE, "Temporarily unavailable", detail));
  }

  @ExceptionHandler
  ProblemDetail unexpected(Exception e) {
    log.error("Unexpected failure", e);
    return problem(
        HttpStatus.INTERNAL_SERVER_ERROR,
        "Internal error",
        "Rastro failed to handle this request; nothing partial was written.");
  }

  @Override
  protected @Nullable ResponseEntity<Object> handleMethodArgumentNotValid(
      MethodArgumentNotValidException e,
      HttpHeaders headers,
      HttpStatusCode status,
      WebRequest request) {
    var errors =
        e.getBindingResult().getFieldErrors().stream()
            .map(f -> new FieldError(f.getField(), String.valueOf(f.getDefaultMessage())))
            .toList();
    return ResponseEntity.badRequest()
        .body(withErrors(HttpStatus.BAD_REQUEST, "Invalid request", errors));
  }

  @Override
  protected @Nullable ResponseEntity<Object> handleHttpMessageNotReadable(
      HttpMessageNotReadableException e,
      HttpHeaders headers,
      HttpStatusCode status,
      WebRequest request) {
    var error =
        e.getCause() instanceof JacksonException json
            ? JsonErrors.describe(json, "")
            : new FieldError("$", "the request body is missing or is not JSON");
    return ResponseEntity.badRequest()
        .body(withErrors(HttpStatus.BAD_REQUEST, "Invalid request", List.of(error)));
  }

  static ProblemDetail withErrors(HttpStatus status, String title, List<FieldError> errors) {
    var detail =
        errors.stream()
            .map(e -> e.field() + ": " + e.detail())
            .reduce((a, b) -> a + "; " + b)
            .orElse(title);
    var problem = problem(status, title, detail);
    problem.setProperty("errors", errors);
    return problem;
  }

  private static ProblemDetail problem(HttpStatus status, String title, @Nullable String detail) {
    var problem = ProblemDetail.forStatusAndDetail(status, detail);
    problem.setTitle(title);
    return problem;
  }
}
