package io.rastro.platform.openapi;

import io.swagger.v3.core.converter.AnnotatedType;
import io.swagger.v3.core.util.Json;
import io.swagger.v3.oas.models.media.Schema;
import java.util.LinkedHashSet;
import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * Schemas as OpenAPI 3.1 writes them: the JSON Schema {@code type} is a set ({@code types}), so
 * that a nullable one can say {@code ["string", "null"]}.
 */
final class Schemas {

  static final String NULL = "null";

  private Schemas() {}

  static Schema<Object> typed(String type) {
    var schema = new Schema<Object>();
    schema.setType(type);
    schema.setTypes(new LinkedHashSet<>(List.of(type)));
    return schema;
  }

  static Schema<Object> ref(String component) {
    var schema = new Schema<Object>();
    schema.set$ref("#/components/schemas/" + component);
    return schema;
  }

  /**
   * The same schema that also allows {@code null}: {@code null} added to its types where it has
   * plain ones, else (a reference, an enum, a schema without a type) one of it or {@code null}.
   */
  static Schema<?> orNull(Schema<?> schema) {
    var types = schema.getTypes();
    if (schema.get$ref() == null && schema.getEnum() == null && types != null && !types.isEmpty()) {
      var widened = new LinkedHashSet<>(types);
      widened.add(NULL);
      schema.setTypes(widened);
      return schema;
    }
    return new Schema<>().anyOf(List.of(schema, typed(NULL)));
  }

  /** The class a type to resolve stands for, whether swagger hands a Java type or Jackson's. */
  static @Nullable Class<?> rawClass(AnnotatedType type) {
    return type.getType() == null
        ? null
        : Json.mapper().constructType(type.getType()).getRawClass();
  }

  static boolean allowsNull(Schema<?> schema) {
    return (schema.getTypes() != null && schema.getTypes().contains(NULL))
        || (schema.getAnyOf() != null
            && schema.getAnyOf().stream()
                .anyMatch(s -> s.getTypes() != null && s.getTypes().contains(NULL)));
  }
}
