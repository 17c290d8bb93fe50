package io.rastro.outbox;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * How long the outbox keeps events.
 *
 * @param retention events older than this are deleted once every consumer has applied them
 */
@ConfigurationProperties("rastro.outbox")
public record OutboxProperties(@DefaultValue("7d") Duration retention) {}
