package io.rastro.security.internal;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import io.github.bucket4j.Bandwidth;
import io.github.bucket4j.Bucket;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.rastro.platform.Caller;
import io.rastro.platform.ProblemWriter;
import io.rastro.security.SecurityProperties;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.jspecify.annotations.Nullable;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Token buckets (Bucket4j): one per API key, and one per client address for the public tracking
 * endpoints. A request over the limit gets {@code 429} with {@code Retry-After}. {@code ADMIN} keys
 * are not limited.
 */
final class RateLimitFilter extends OncePerRequestFilter {

  private final SecurityProperties.RateLimit limits;
  private final ProblemWriter problems;
  private final Cache<String, Bucket> buckets =
      Caffeine.newBuilder()
          .expireAfterAccess(Duration.ofMinutes(10))
          .maximumSize(1_000_000)
          .build();
  private final Counter limited;

  RateLimitFilter(
      SecurityProperties.RateLimit limits, ProblemWriter problems, MeterRegistry meters) {
    this.limits = limits;
    this.problems = problems;
    this.limited =
        Counter.builder("rastro.security.rate.limited")
            .description("Requests refused with 429 for going over a rate limit")
            .register(meters);
  }

  @Override
  protected void doFilterInternal(
      HttpServletRequest request, HttpServletResponse response, FilterChain chain)
      throws ServletException, IOException {
    var bucket = bucketFor(request);
    if (bucket != null) {
      var probe = bucket.tryConsumeAndReturnRemaining(1);
      if (!probe.isConsumed()) {
        limited.increment();
        var seconds =
            Math.max(
                1, TimeUnit.NANOSECONDS.toSeconds(probe.getNanosToWaitForRefill() + 999_999_999));
        response.setHeader(HttpHeaders.RETRY_AFTER, String.valueOf(seconds));
        problems.write(
            request,
            response,
            HttpStatus.TOO_MANY_REQUESTS,
            "Too many requests",
            "Over the rate limit; try again in %d s".formatted(seconds),
            List.of());
        return;
      }
    }
    chain.doFilter(request, response);
  }

  private @Nullable Bucket bucketFor(HttpServletRequest request) {
    var caller = Caller.current();
    if (caller.isPresent()) {
      if (caller.get().role() == Caller.Role.ADMIN || limits.keyPerSecond() <= 0) {
        return null;
      }
      return buckets.get(
          "key:" + caller.get().keyId(),
          k -> bucket(limits.keyBurst(), limits.keyPerSecond(), Duration.ofSeconds(1)));
    }
    if (!SecurityConfiguration.isPublicTracking(request) || limits.publicPerMinute() <= 0) {
      return null;
    }
    return buckets.get(
        "ip:" + request.getRemoteAddr(),
        k -> bucket(limits.publicBurst(), limits.publicPerMinute(), Duration.ofMinutes(1)));
  }

  private static Bucket bucket(int burst, int tokens, Duration period) {
    return Bucket.builder()
        .addLimit(
            Bandwidth.builder().capacity(Math.max(1, burst)).refillGreedy(tokens, period).build())
        .build();
  }
}
