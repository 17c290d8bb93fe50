package io.rastro.platform;

/** The request conflicts with what exists, such as a second carrier with the same code. */
public class ConflictException extends RuntimeException {

  public ConflictException(String detail) {
    super(detail);
  }
}
