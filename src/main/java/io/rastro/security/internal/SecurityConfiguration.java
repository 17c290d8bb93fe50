package io.rastro.security.internal;

import static io.rastro.platform.Caller.Role.ADMIN;
import static io.rastro.platform.Caller.Role.CARRIER;
import static io.rastro.platform.Caller.Role.OPERATOR;
import static io.rastro.platform.Caller.Role.SHIPPER;

import io.micrometer.core.instrument.MeterRegistry;
import io.rastro.platform.Caller;
import io.rastro.platform.ProblemWriter;
import io.rastro.security.ApiKeys;
import io.rastro.security.SecurityProperties;
import jakarta.servlet.DispatcherType;
import jakarta.servlet.http.HttpServletRequest;
import java.util.Arrays;
import java.util.List;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.annotation.Order;
import org.springframework.http.HttpMethod;
import org.springframework.http.HttpStatus;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.config.http.SessionCreationPolicy;
import org.springframework.security.web.SecurityFilterChain;
import org.springframework.security.web.authentication.AnonymousAuthenticationFilter;
import org.springframework.security.web.context.HttpSessionSecurityContextRepository;
import org.springframework.web.cors.CorsConfiguration;
import org.springframework.web.cors.CorsConfigurationSource;
import org.springframework.web.cors.UrlBasedCorsConfigurationSource;

/**
 * Who may call what. Every endpoint but public tracking, health and the API documents needs a key;
 * within what a role may call, the handlers narrow a shipper to its customer and a carrier to its
 * shipments.
 */
@Configuration(proxyBeanMethods = false)
class SecurityConfiguration {

  @Bean
  @Order(2)
  SecurityFilterChain rastroSecurity(
      HttpSecurity http,
      HttpSessionSecurityContextRepository opsSessions,
      ApiKeys keys,
      ProblemWriter problems,
      SecurityProperties properties,
      MeterRegistry meters)
      throws Exception {
    var apiKeys = new ApiKeyFilter(keys, problems);
    // No CSRF tokens: changes need the key itself, never a cookie (see SessionOnlyForReads).
    http.csrf(csrf -> csrf.disable())
        .sessionManagement(s -> s.sessionCreationPolicy(SessionCreationPolicy.STATELESS))
        .securityContext(c -> c.securityContextRepository(new SessionOnlyForReads(opsSessions)))
        .httpBasic(basic -> basic.disable())
        .formLogin(form -> form.disable())
        .logout(logout -> logout.disable())
        .requestCache(cache -> cache.disable())
        .cors(cors -> cors.configurationSource(cors(properties)))
        .headers(
            headers ->
                headers.contentSecurityPolicy(
                    csp -> csp.policyDirectives("default-src 'self'; frame-ancestors 'none'")))
        .addFilterBefore(apiKeys, AnonymousAuthenticationFilter.class)
        .addFilterAfter(
            new RateLimitFilter(properties.rateLimit(), problems, meters), ApiKeyFilter.class)
        .exceptionHandling(
            errors ->
                errors
                    .authenticationEntryPoint(
                        (request, response, e) -> {
                          response.setHeader("WWW-Authenticate", "Bearer");
                          problems.write(
                              request,
                              response,
                              HttpStatus.UNAUTHORIZED,
                              "Unauthorized",
                              "This needs an API key: send Authorization: Bearer <key>",
                              List.of());
                        })
                    .accessDeniedHandler(
                        (request, response, e) ->
                            problems.write(
                                request,
                                response,
                                HttpStatus.FORBIDDEN,
                                "Forbidden",
                                "This API key's role may not do this",
                                List.of())))
        .authorizeHttpRequests(
            requests ->
                requests
                    // the dispatch that ends a streamed answer: its request was authorized already
                    .dispatcherTypeMatchers(DispatcherType.ASYNC)
                    .permitAll()
                    .requestMatchers("/error")
                    .permitAll()
                    .requestMatchers(HttpMethod.GET, "/api/v1/track/**")
                    .permitAll()
                    .requestMatchers(
                        HttpMethod.GET,
                        "/",
                        "/track",
                        "/track/**",
                        "/css/**",
                        "/js/**",
                        "/webjars/**",
                        "/favicon.ico")
                    .permitAll()
                    .requestMatchers(HttpMethod.GET, "/actuator/health", "/actuator/health/**")
                    .permitAll()
                    .requestMatchers(HttpMethod.GET, "/actuator/info")
                    .permitAll()
                    .requestMatchers(
                        HttpMethod.GET,
                        "/v3/api-docs",
                        "/v3/api-docs/**",
                        "/swagger-ui.html",
                        "/swagger-ui/**")
                    .permitAll()
                    .requestMatchers("/actuator/**")
                    .hasAnyRole(roles(ADMIN, OPERATOR))
                    .requestMatchers("/api/v1/admin/api-keys", "/api/v1/admin/api-keys/**")
                    .hasRole(ADMIN.name())
                    .requestMatchers(HttpMethod.GET, "/api/v1/admin/**")
                    .hasAnyRole(roles(ADMIN, OPERATOR))
                    .requestMatchers("/api/v1/admin/**")
                    .hasRole(ADMIN.name())
                    .requestMatchers(HttpMethod.POST, "/api/v1/customers", "/api/v1/carriers")
                    .hasRole(ADMIN.name())
                    .requestMatchers(HttpMethod.GET, "/api/v1/customers/*", "/api/v1/carriers")
                    .hasAnyRole(roles(ADMIN, OPERATOR, SHIPPER))
                    .requestMatchers(HttpMethod.POST, "/api/v1/shipments")
                    .hasAnyRole(roles(ADMIN, SHIPPER))
                    .requestMatchers(HttpMethod.GET, "/api/v1/shipments", "/api/v1/shipments/*")
                    .hasAnyRole(roles(ADMIN, OPERATOR, SHIPPER))
                    .requestMatchers(HttpMethod.GET, "/api/v1/events")
                    .hasAnyRole(roles(ADMIN, OPERATOR, SHIPPER))
                    .requestMatchers("/api/v1/webhooks", "/api/v1/webhooks/**")
                    .hasAnyRole(roles(ADMIN, SHIPPER))
                    .requestMatchers(HttpMethod.GET, "/api/v1/analytics/**")
                    .hasAnyRole(roles(ADMIN, OPERATOR, SHIPPER))
                    .requestMatchers(
                        HttpMethod.POST, "/api/v1/shipments/*/events", "/api/v1/tracking-events")
                    .hasAnyRole(roles(ADMIN, CARRIER))
                    .anyRequest()
                    .authenticated());
    return http.build();
  }

  /** The endpoints anyone may call, rate-limited per client address. */
  static boolean isPublicTracking(HttpServletRequest request) {
    return isPublicTracking(request.getRequestURI());
  }

  static boolean isPublicTracking(String path) {
    return path.startsWith("/api/v1/track/") || path.equals("/track") || path.startsWith("/track/");
  }

  private static String[] roles(Caller.Role... roles) {
    return Arrays.stream(roles).map(Enum::name).toArray(String[]::new);
  }

  private static CorsConfigurationSource cors(SecurityProperties properties) {
    var source = new UrlBasedCorsConfigurationSource();
    if (!properties.corsAllowedOrigins().isEmpty()) {
      var cors = new CorsConfiguration();
      cors.setAllowedOrigins(properties.corsAllowedOrigins());
      cors.setAllowedMethods(List.of("GET", "POST", "DELETE"));
      cors.setAllowedHeaders(List.of("Authorization", "Content-Type", "X-Rastro-Min-Position"));
      cors.setExposedHeaders(List.of("Location", "Retry-After"));
      cors.setMaxAge(3600L);
      source.registerCorsConfiguration("/api/**", cors);
    }
    return source;
  }
}
