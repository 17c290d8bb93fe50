package io.rastro.security.internal;

import io.rastro.platform.Caller;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.annotation.Order;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.config.http.SessionCreationPolicy;
import org.springframework.security.web.SecurityFilterChain;
import org.springframework.security.web.authentication.LoginUrlAuthenticationEntryPoint;
import org.springframework.security.web.context.HttpSessionSecurityContextRepository;

/**
 * The operations dashboard, {@code /ops}: a person signs in once with an {@code OPERATOR} or {@code
 * ADMIN} key and gets a session cookie ({@code HttpOnly}, {@code SameSite=Strict}, {@code Secure}
 * over TLS); its forms carry CSRF tokens.
 */
@Configuration(proxyBeanMethods = false)
class OpsSecurityConfiguration {

  static final String CONTENT_SECURITY_POLICY =
      "default-src 'self'; img-src 'self' data:; frame-ancestors 'none'; form-action 'self'";

  @Bean
  HttpSessionSecurityContextRepository opsSessions() {
    return new HttpSessionSecurityContextRepository();
  }

  @Bean
  @Order(1)
  SecurityFilterChain opsPages(HttpSecurity http, HttpSessionSecurityContextRepository sessions)
      throws Exception {
    http.securityMatcher("/ops", "/ops/**")
        .securityContext(context -> context.securityContextRepository(sessions))
        .sessionManagement(s -> s.sessionCreationPolicy(SessionCreationPolicy.IF_REQUIRED))
        .httpBasic(basic -> basic.disable())
        .formLogin(form -> form.disable())
        .requestCache(cache -> cache.disable())
        .logout(logout -> logout.logoutUrl("/ops/logout").logoutSuccessUrl("/ops/login"))
        .headers(
            headers ->
                headers.contentSecurityPolicy(csp -> csp.policyDirectives(CONTENT_SECURITY_POLICY)))
        .exceptionHandling(
            errors ->
                errors.authenticationEntryPoint(new LoginUrlAuthenticationEntryPoint("/ops/login")))
        .authorizeHttpRequests(
            requests ->
                requests
                    .requestMatchers("/ops/login")
                    .permitAll()
                    .anyRequest()
                    .hasAnyRole(Caller.Role.ADMIN.name(), Caller.Role.OPERATOR.name()));
    return http.build();
  }
}
