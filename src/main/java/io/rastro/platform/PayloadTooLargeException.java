package io.rastro.platform;

/** The request is larger than Rastro takes in one go; answered {@code 413}. */
public class PayloadTooLargeException extends RuntimeException {

  public PayloadTooLargeException(String detail) {
    super(detail);
  }
}
