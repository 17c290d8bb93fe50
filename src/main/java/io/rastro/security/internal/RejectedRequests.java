package io.rastro.security.internal;

import io.rastro.platform.ProblemWriter;
import java.util.List;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.http.HttpStatus;
import org.springframework.security.web.firewall.RequestRejectedHandler;

/**
 * A request the firewall refuses (an encoded slash, a {@code ;}, a {@code //} in its path) is
 * answered {@code 400} as problem+json, like every other refusal, not with the servlet container's
 * error page.
 */
@Configuration(proxyBeanMethods = false)
class RejectedRequests {

  @Bean
  RequestRejectedHandler problemForRejectedRequests(ProblemWriter problems) {
    return (request, response, rejected) ->
        problems.write(
            request,
            response,
            HttpStatus.BAD_REQUEST,
            "Invalid request",
            "The request's path or headers are not allowed: " + rejected.getMessage(),
            List.of());
  }
}
