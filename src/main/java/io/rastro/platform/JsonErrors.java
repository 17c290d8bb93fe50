package io.rastro.platform;

import java.util.Arrays;
import tools.jackson.core.JacksonException;
import tools.jackson.core.exc.StreamReadException;
import tools.jackson.databind.exc.InvalidFormatException;
import tools.jackson.databind.exc.MismatchedInputException;

/** Turns a JSON reading failure into the field it concerns and a sentence a client can act on. */
public final class JsonErrors {

  private JsonErrors() {}

  /**
   * Describes a failure to read a JSON document.
   *
   * @param e the failure
   * @param prefix a path to put before the failure's own, such as {@code [3]} for a batch item
   */
  public static FieldError describe(JacksonException e, String prefix) {
    var field = prefix + path(e);
    if (field.isEmpty()) {
      field = "$";
    }
    return new FieldError(field, detail(e));
  }

  private static String path(JacksonException e) {
    var path = new StringBuilder();
    for (var reference : e.getPath()) {
      if (reference.getPropertyName() != null) {
        if (!path.isEmpty()) {
          path.append('.');
        }
        path.append(reference.getPropertyName());
      } else if (reference.getIndex() >= 0) {
        path.append('[').append(reference.getIndex()).append(']');
      }
    }
    return path.toString();
  }

  private static String detail(JacksonException e) {
    if (e instanceof InvalidFormatException invalid) {
      var type = invalid.getTargetType();
      if (type != null && type.isEnum()) {
        return "unknown value '%s'; expected one of %s"
            .formatted(invalid.getValue(), Arrays.toString(type.getEnumConstants()));
      }
      return "cannot read '%s' as %s".formatted(invalid.getValue(), describeType(type));
    }
    if (e instanceof MismatchedInputException mismatched) {
      return "has the wrong shape; expected %s".formatted(describeType(mismatched.getTargetType()));
    }
    if (e instanceof StreamReadException && e.getLocation() != null) {
      return "malformed JSON at line %d, column %d"
          .formatted(e.getLocation().getLineNr(), e.getLocation().getColumnNr());
    }
    return "malformed JSON";
  }

  private static String describeType(Class<?> type) {
    if (type == null) {
      return "a valid value";
    }
    return switch (type.getSimpleName()) {
      case "OffsetDateTime", "Instant" ->
          "an ISO-8601 instant with offset, such as 2026-11-29T10:15:30Z";
      case "LocalDate" -> "an ISO-8601 date, such as 2026-12-01";
      case "UUID" -> "a UUID";
      case "String" -> "a string";
      case "Double", "double", "BigDecimal" -> "a number";
      case "Integer", "int", "Long", "long" -> "an integer";
      case "List", "ArrayList" -> "an array";
      default -> type.isRecord() ? "an object" : "a " + type.getSimpleName();
    };
  }
}
