package io.rastro.platform.openapi;

import io.swagger.v3.core.converter.AnnotatedType;
import io.swagger.v3.core.converter.ModelConverter;
import io.swagger.v3.core.converter.ModelConverterContext;
import io.swagger.v3.oas.models.media.Schema;
import java.util.Iterator;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.jspecify.annotations.Nullable;
import org.springframework.stereotype.Component;

/**
 * Refuses to write a document in which two types share a schema name: swagger names a schema by the
 * simple class name, so two nested {@code Result} records would silently become one, and the
 * document would describe one answer with the other's fields. Name one with {@code @Schema(name =
 * …)}.
 */
@Component
class UniqueSchemaNames implements ModelConverter {

  private final Map<String, Class<?>> owners = new ConcurrentHashMap<>();

  @Override
  public @Nullable Schema<?> resolve(
      AnnotatedType type, ModelConverterContext context, Iterator<ModelConverter> chain) {
    var schema = chain.hasNext() ? chain.next().resolve(type, context, chain) : null;
    var raw = Schemas.rawClass(type);
    var name =
        schema == null
            ? null
            : schema.get$ref() != null
                ? schema.get$ref().substring(schema.get$ref().lastIndexOf('/') + 1)
                : schema.getName();
    if (name != null && raw != null) {
      var owner = owners.putIfAbsent(name, raw);
      if (owner != null && !owner.equals(raw)) {
        throw new IllegalStateException(
            "Two types are both schema %s in the OpenAPI document: %s and %s; name one with @Schema(name = …)"
                .formatted(name, owner.getName(), raw.getName()));
      }
    }
    return schema;
  }
}
