package io.rastro.platform;

/** A request refused because of one field, which the problem names. */
public abstract class FieldRefusal extends RuntimeException {

  private final FieldError error;

  protected FieldRefusal(String field, String detail) {
    super(field + ": " + detail);
    this.error = new FieldError(field, detail);
  }

  public FieldError error() {
    return error;
  }
}
