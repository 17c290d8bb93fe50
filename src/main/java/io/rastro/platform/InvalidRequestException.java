package io.rastro.platform;

import java.util.List;

/** The request is malformed; answered {@code 400} with the fields at fault. */
public class InvalidRequestException extends RuntimeException {

  private final List<FieldError> errors;

  public InvalidRequestException(List<FieldError> errors) {
    super(describe(errors));
    this.errors = List.copyOf(errors);
  }

  public InvalidRequestException(String field, String detail) {
    this(List.of(new FieldError(field, detail)));
  }

  /** What {@link #errors()} say, in one line; never null. */
  @Override
  public String getMessage() {
    return describe(errors);
  }

  public List<FieldError> errors() {
    return errors;
  }

  private static String describe(List<FieldError> errors) {
    return errors.stream()
        .map(e -> e.field() + ": " + e.detail())
        .reduce((a, b) -> a + "; " + b)
        .orElse("invalid request");
  }
}
