package io.rastro.security.web;

import io.rastro.platform.Caller;
import io.rastro.security.ApiKeys;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.util.Optional;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.security.web.context.HttpSessionSecurityContextRepository;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;

/** Signs a person in to the operations dashboard with an OPERATOR or ADMIN key. */
@Controller
class OpsLoginController {

  private final ApiKeys keys;
  private final HttpSessionSecurityContextRepository sessions;

  OpsLoginController(ApiKeys keys, HttpSessionSecurityContextRepository sessions) {
    this.keys = keys;
    this.sessions = sessions;
  }

  @GetMapping("/ops/login")
  String form() {
    return "ops-login";
  }

  @PostMapping("/ops/login")
  String signIn(
      @RequestParam(defaultValue = "") String key,
      HttpServletRequest request,
      HttpServletResponse response,
      Model model) {
    var caller =
        key.isBlank() || key.length() > 512
            ? Optional.<Caller>empty()
            : keys.authenticate(key.strip())
                .filter(c -> c.role() == Caller.Role.ADMIN || c.role() == Caller.Role.OPERATOR);
    if (caller.isEmpty()) {
      response.setStatus(HttpServletResponse.SC_UNAUTHORIZED);
      model.addAttribute("refused", true);
      return "ops-login";
    }
    request.getSession(true);
    request.changeSessionId(); // a new session id at sign-in: no fixation
    var context = SecurityContextHolder.createEmptyContext();
    context.setAuthentication(ApiKeys.authentication(caller.get()));
    SecurityContextHolder.setContext(context);
    sessions.saveContext(context, request, response);
    return "redirect:/ops";
  }
}
