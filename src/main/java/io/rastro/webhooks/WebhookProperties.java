package io.rastro.webhooks;

import java.time.Duration;
import java.util.List;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * How webhooks are delivered.
 *
 * @param allowPrivateTargets lets endpoints use plain {@code http} and addresses on loopback,
 *     private, link-local or metadata networks: for tests and on-premises installs only
 * @param retryDelays the waits before the first retries, each with ±20 % jitter
 * @param retryEvery the wait between later retries
 * @param giveUpAfter how long a delivery is tried, and how long an endpoint may fail every attempt
 *     before it is disabled
 * @param timeout the longest an endpoint may take to answer
 * @param concurrencyPerEndpoint the most deliveries under way to one endpoint at once
 * @param secretOverlap how long a rotated secret goes on signing beside the new one
 */
@ConfigurationProperties("rastro.webhooks")
public record WebhookProperties(
    @DefaultValue("false") boolean allowPrivateTargets,
    @DefaultValue({"5s", "30s", "2m", "10m", "1h"}) List<Duration> retryDelays,
    @DefaultValue("4h") Duration retryEvery,
    @DefaultValue("3d") Duration giveUpAfter,
    @DefaultValue("10s") Duration timeout,
    @DefaultValue("4") int concurrencyPerEndpoint,
    @DefaultValue("24h") Duration secretOverlap) {

  /** The consumer of the outbox that makes deliveries, by the name of its cursor. */
  public static final String CURSOR = "webhooks";
}
