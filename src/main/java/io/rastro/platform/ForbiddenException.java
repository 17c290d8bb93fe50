package io.rastro.platform;

/**
 * The caller's key may do this kind of thing, but not to what the request names, such as a shipment
 * for another customer; answered {@code 403}.
 */
public class ForbiddenException extends FieldRefusal {

  public ForbiddenException(String field, String detail) {
    super(field, detail);
  }
}
