package io.rastro.platform;

/** The resource in the request's path does not exist; answered {@code 404}. */
public class NotFoundException extends RuntimeException {

  public NotFoundException(String detail) {
    super(detail);
  }
}
