package io.rastro.platform.openapi;

import io.swagger.v3.core.converter.AnnotatedType;
import io.swagger.v3.core.converter.ModelConverter;
import io.swagger.v3.core.converter.ModelConverterContext;
import io.swagger.v3.oas.models.media.Schema;
import java.lang.reflect.RecordComponent;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import org.jspecify.annotations.Nullable;
import org.springframework.stereotype.Component;

/**
 * Reads JSpecify's {@code @Nullable} on record components, the code's own null contract: such a
 * component is nullable in the document ({@code ["string", "null"]}, or one of a reference and
 * {@code null}), and every other component is required, as the compiler (NullAway) holds it
 * present.
 */
@Component
class NullableComponents implements ModelConverter {

  @Override
  public @Nullable Schema<?> resolve(
      AnnotatedType type, ModelConverterContext context, Iterator<ModelConverter> chain) {
    if (!chain.hasNext()) {
      return null;
    }
    var schema = chain.next().resolve(type, context, chain);
    var raw = Schemas.rawClass(type);
    if (schema == null || raw == null || !raw.isRecord()) {
      return schema;
    }
    var model = schema;
    if (schema.get$ref() != null) {
      var name = schema.get$ref().substring(schema.get$ref().lastIndexOf('/') + 1);
      model = context.getDefinedModels().get(name);
    }
    if (model != null && model.getProperties() != null) {
      mark(model, raw.getRecordComponents());
    }
    return schema;
  }

  @SuppressWarnings({"rawtypes", "unchecked"}) // swagger's Schema is raw in its own API
  private static void mark(Schema model, RecordComponent[] components) {
    var required = new ArrayList<String>();
    for (var component : components) {
      var name = component.getName();
      Schema<?> property = (Schema<?>) model.getProperties().get(name);
      if (property == null) {
        continue;
      }
      if (component.getAnnotatedType().isAnnotationPresent(Nullable.class)) {
        if (!Schemas.allowsNull(property)) {
          model.getProperties().put(name, Schemas.orNull(property));
        }
      } else {
        required.add(name);
      }
    }
    if (!required.isEmpty()) {
      var all =
          new ArrayList<String>(model.getRequired() == null ? List.of() : model.getRequired());
      required.stream().filter(name -> !all.contains(name)).forEach(all::add);
      model.setRequired(all);
    }
  }
}
