package io.rastro.security.internal;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.springframework.security.core.context.DeferredSecurityContext;
import org.springframework.security.core.context.SecurityContext;
import org.springframework.security.web.context.HttpRequestResponseHolder;
import org.springframework.security.web.context.HttpSessionSecurityContextRepository;
import org.springframework.security.web.context.RequestAttributeSecurityContextRepository;
import org.springframework.security.web.context.SecurityContextRepository;

/**
 * Lets an operator signed in to the dashboard open the admin API's lists (dead letters, unmatched
 * events) in the same browser: a {@code GET} to the API may use the dashboard's session. Anything
 * that changes something needs the key itself, so a forged cross-site request cannot ride on the
 * session. The API never creates a session.
 */
final class SessionOnlyForReads implements SecurityContextRepository {

  private final HttpSessionSecurityContextRepository sessions;
  private final RequestAttributeSecurityContextRepository request =
      new RequestAttributeSecurityContextRepository();

  SessionOnlyForReads(HttpSessionSecurityContextRepository sessions) {
    this.sessions = sessions;
  }

  private static boolean isRead(HttpServletRequest request) {
    return request.getMethod().equals("GET") || request.getMethod().equals("HEAD");
  }

  @Override
  public DeferredSecurityContext loadDeferredContext(HttpServletRequest request) {
    return isRead(request)
        ? sessions.loadDeferredContext(request)
        : this.request.loadDeferredContext(request);
  }

  /** The interface's old entry point, which the filters no longer call. */
  @Override
  @Deprecated
  @SuppressWarnings({"deprecation", "removal", "InlineMeSuggester"})
  public SecurityContext loadContext(HttpRequestResponseHolder holder) {
    return loadDeferredContext(holder.getRequest()).get();
  }

  @Override
  public void saveContext(
      SecurityContext context, HttpServletRequest request, HttpServletResponse response) {
    this.request.saveContext(context, request, response);
  }

  @Override
  public boolean containsContext(HttpServletRequest request) {
    return isRead(request) && sessions.containsContext(request);
  }
}
