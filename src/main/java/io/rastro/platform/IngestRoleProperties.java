package io.rastro.platform;

import java.net.URI;
import java.time.Duration;
import org.jspecify.annotations.Nullable;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Where a query role ({@code rastro.role=query}) reaches the ingest role, for what the bus alone
 * cannot give it: the events published before its queues existed (the catch-up), and the write
 * model's side of the read-model check.
 *
 * @param url the base URL of an ingest role, or of the proxy in front of them, such as {@code
 *     http://ingest:8080}; none by default
 * @param key an {@code OPERATOR} or {@code ADMIN} key of the ingest role for the catch-up (the
 *     check shows the caller's own key)
 * @param catchUpInterval how often each consumer whose cursor has not moved asks the ingest role
 *     whether its outbox holds events after it
 */
@ConfigurationProperties("rastro.ingest-role")
public record IngestRoleProperties(
    @Nullable URI url, @Nullable String key, @DefaultValue("2s") Duration catchUpInterval) {}
