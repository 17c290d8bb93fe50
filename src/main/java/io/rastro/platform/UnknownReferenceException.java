package io.rastro.platform;

/**
 * The request is well formed but names something that does not exist, such as an unknown customer
 * or carrier; answered {@code 422}.
 */
public class UnknownReferenceException extends FieldRefusal {

  public UnknownReferenceException(String field, String detail) {
    super(field, detail);
  }
}
