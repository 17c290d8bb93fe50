package io.rastro.security;

import java.time.Duration;
import java.util.List;
import org.jspecify.annotations.Nullable;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Access to Rastro.
 *
 * @param bootstrapAdminKey a key accepted as {@code ADMIN} without being stored, to create the
 *     first keys ({@code RASTRO_BOOTSTRAP_ADMIN_KEY}); at least 32 characters
 * @param keyCache how long an instance trusts a key it has looked up; a revocation takes effect at
 *     once on the instance that revoked the key, and within this time on the others
 * @param rateLimit requests allowed per key and per public client
 * @param corsAllowedOrigins the web origins allowed to call the API from a browser; none by default
 */
@ConfigurationProperties("rastro.security")
public record SecurityProperties(
    @Nullable String bootstrapAdminKey,
    @DefaultValue("2s") Duration keyCache,
    @DefaultValue RateLimit rateLimit,
    @DefaultValue List<String> corsAllowedOrigins) {

  /**
   * Token buckets: each holds up to {@code burst} requests and refills at the rate; 0 turns a limit
   * off.
   *
   * @param keyPerSecond requests per second for each {@code SHIPPER}, {@code CARRIER} or {@code
   *     OPERATOR} key ({@code ADMIN} keys have no limit)
   * @param keyBurst requests a key may send at once
   * @param publicPerMinute requests per minute to the public tracking endpoints, per client address
   * @param publicBurst requests a public client may send at once
   */
  public record RateLimit(
      @DefaultValue("1000") int keyPerSecond,
      @DefaultValue("2000") int keyBurst,
      @DefaultValue("60") int publicPerMinute,
      @DefaultValue("20") int publicBurst) {}
}
