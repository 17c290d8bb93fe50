package io.rastro;

import io.rastro.platform.Role;
import jakarta.servlet.http.HttpServletRequest;
import java.lang.reflect.Method;
import java.net.URI;
import java.util.List;
import java.util.Set;
import org.jspecify.annotations.Nullable;
import org.springframework.beans.factory.config.BeanDefinition;
import org.springframework.context.annotation.ClassPathScanningCandidateComponentProvider;
import org.springframework.context.annotation.Condition;
import org.springframework.context.annotation.ConditionContext;
import org.springframework.context.annotation.Conditional;
import org.springframework.core.MethodIntrospector;
import org.springframework.core.type.AnnotatedTypeMetadata;
import org.springframework.core.type.filter.AnnotationTypeFilter;
import org.springframework.http.HttpStatusCode;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.stereotype.Component;
import org.springframework.stereotype.Controller;
import org.springframework.util.ClassUtils;
import org.springframework.web.method.HandlerMethod;
import org.springframework.web.servlet.handler.AbstractHandlerMapping;
import org.springframework.web.servlet.mvc.method.RequestMappingInfo;
import org.springframework.web.servlet.mvc.method.annotation.RequestMappingHandlerMapping;

/**
 * In a split role, answers a request that another role serves with {@code 421 Misdirected Request}
 * as problem+json naming that role, instead of a bare {@code 404}. It knows every controller's
 * mappings, those of this role too, so that a request goes to the best match exactly as in {@code
 * rastro.role=all}: when that is one of this role's own, the application's mapping answers it.
 */
@Component
@Conditional(ServedElsewhere.SplitRole.class)
final class ServedElsewhere extends AbstractHandlerMapping {

  private static final Method ANSWER =
      ClassUtils.getMethod(Answer.class, "answer", HttpServletRequest.class);

  private final Mappings mappings = new Mappings();

  ServedElsewhere(org.springframework.core.env.Environment environment) {
    setOrder(-1); // before the application's own mapping, which would answer 404 or 405 first
    mappings.afterPropertiesSet();
    var role = Role.of(environment);
    var scanner = new ClassPathScanningCandidateComponentProvider(false);
    scanner.addIncludeFilter(new AnnotationTypeFilter(Controller.class));
    for (BeanDefinition candidate : scanner.findCandidateComponents("io.rastro")) {
      var name = candidate.getBeanClassName();
      if (name == null) {
        continue;
      }
      var part = RoleLayout.partOf(name);
      var answer =
          part.filter(p -> !p.roles().contains(role))
              .map(p -> new Answer(role, p))
              .orElse(Answer.HERE);
      mappings.add(ClassUtils.resolveClassName(name, getClass().getClassLoader()), answer);
    }
  }

  @Override
  protected @Nullable Object getHandlerInternal(HttpServletRequest request) throws Exception {
    var chain = mappings.getHandler(request);
    if (chain != null
        && chain.getHandler() instanceof HandlerMethod method
        && method.getBean() instanceof Answer answer
        && answer != Answer.HERE) {
      return method;
    }
    return null;
  }

  /** The answer for the requests of one part that another role runs. */
  static final class Answer {

    static final Answer HERE = new Answer(Role.ALL, null);

    private final String detail;
    private final List<String> servedBy;

    private Answer(Role here, RoleLayout.@Nullable Part part) {
      if (part == null) {
        this.detail = "";
        this.servedBy = List.of();
        return;
      }
      this.servedBy =
          part.roles().stream().sorted().map(Role::setting).toList(); // "all" first, if it is one
      var split = servedBy.stream().filter(r -> !r.equals(Role.ALL.setting())).toList();
      this.detail =
          split.isEmpty()
              ? "This process runs rastro.role=%s; %s: only rastro.role=all serves it"
                  .formatted(here.setting(), part.name())
              : "This process runs rastro.role=%s; %s is served by rastro.role=%s"
                  .formatted(here.setting(), part.name(), String.join(" or ", split));
    }

    public ResponseEntity<ProblemDetail> answer(HttpServletRequest request) {
      var problem = ProblemDetail.forStatusAndDetail(HttpStatusCode.valueOf(421), detail);
      problem.setTitle("Served by another role");
      problem.setInstance(URI.create(request.getRequestURI()));
      problem.setProperty("servedBy", servedBy);
      return ResponseEntity.status(421).body(problem);
    }
  }

  /** Every controller's mappings, each to the answer for its part; never the controllers. */
  private static final class Mappings extends RequestMappingHandlerMapping {

    @Override
    protected void initHandlerMethods() {
      // none of the application's beans: only what add() registers
    }

    void add(Class<?> controller, Answer answer) {
      MethodIntrospector.selectMethods(
              controller,
              (MethodIntrospector.MetadataLookup<RequestMappingInfo>)
                  m -> getMappingForMethod(m, controller))
          .values()
          .forEach(info -> registerMapping(info, answer, ANSWER));
    }

    @Override
    protected @Nullable HandlerMethod handleNoMatch(
        Set<RequestMappingInfo> infos, String lookupPath, HttpServletRequest request) {
      return null; // not a 405 or 415 of its own: the application's mapping decides those
    }
  }

  /** Only in {@code ingest} and {@code query}: in {@code all} every request is served here. */
  static final class SplitRole implements Condition {
    @Override
    public boolean matches(ConditionContext context, AnnotatedTypeMetadata metadata) {
      return Role.of(context.getEnvironment()) != Role.ALL;
    }
  }
}
