package io.rastro.platform.openapi;

import io.swagger.v3.core.converter.AnnotatedType;
import io.swagger.v3.core.converter.ModelConverter;
import io.swagger.v3.core.converter.ModelConverterContext;
import io.swagger.v3.oas.models.media.Schema;
import java.util.Iterator;
import org.jspecify.annotations.Nullable;
import org.springframework.stereotype.Component;
import org.springframework.web.servlet.mvc.method.annotation.SseEmitter;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * Types whose getters are not their JSON: a Jackson tree is any JSON (an {@code ObjectNode} any
 * object), not a bean of {@code isArray}, {@code isEmpty}…; an {@code SseEmitter} is a stream of
 * text.
 */
@Component
class FreeFormJson implements ModelConverter {

  @Override
  public @Nullable Schema<?> resolve(
      AnnotatedType type, ModelConverterContext context, Iterator<ModelConverter> chain) {
    var raw = Schemas.rawClass(type);
    if (raw != null && ObjectNode.class.isAssignableFrom(raw)) {
      return Schemas.typed("object");
    }
    if (raw != null && JsonNode.class.isAssignableFrom(raw)) {
      return new Schema<>().description("Any JSON");
    }
    if (raw != null && SseEmitter.class.isAssignableFrom(raw)) {
      return Schemas.typed("string").description("Server-Sent Events");
    }
    return chain.hasNext() ? chain.next().resolve(type, context, chain) : null;
  }
}
