package io.rastro.security.internal;

import io.rastro.platform.FieldError;
import io.rastro.platform.ProblemWriter;
import io.rastro.security.ApiKeys;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.util.List;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Authenticates {@code Authorization: Bearer <key>}. A request without the header goes on as the
 * public; one with a malformed, unknown or revoked key is refused with {@code 401} at once, never
 * served as the public.
 */
final class ApiKeyFilter extends OncePerRequestFilter {

  private static final String BEARER = "Bearer ";

  private final ApiKeys keys;
  private final ProblemWriter problems;

  ApiKeyFilter(ApiKeys keys, ProblemWriter problems) {
    this.keys = keys;
    this.problems = problems;
  }

  @Override
  protected void doFilterInternal(
      HttpServletRequest request, HttpServletResponse response, FilterChain chain)
      throws ServletException, IOException {
    var header = request.getHeader(HttpHeaders.AUTHORIZATION);
    if (header == null) {
      chain.doFilter(request, response);
      return;
    }
    if (!header.regionMatches(true, 0, BEARER, 0, BEARER.length()) || header.length() > 512) {
      refuse(request, response, "must be 'Bearer ' followed by an API key");
      return;
    }
    var caller = keys.authenticate(header.substring(BEARER.length()).strip());
    if (caller.isEmpty()) {
      refuse(request, response, "names no API key in force (unknown or revoked)");
      return;
    }
    var context = SecurityContextHolder.createEmptyContext();
    context.setAuthentication(ApiKeys.authentication(caller.get()));
    SecurityContextHolder.setContext(context);
    try {
      chain.doFilter(request, response);
    } finally {
      SecurityContextHolder.clearContext();
    }
  }

  private void refuse(HttpServletRequest request, HttpServletResponse response, String detail)
      throws IOException {
    response.setHeader(HttpHeaders.WWW_AUTHENTICATE, "Bearer");
    problems.write(
        request,
        response,
        HttpStatus.UNAUTHORIZED,
        "Unauthorized",
        "Authorization: " + detail,
        List.of(new FieldError("Authorization", detail)));
  }
}
