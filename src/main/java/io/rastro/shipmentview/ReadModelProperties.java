package io.rastro.shipmentview;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * How the read model is kept fresh.
 *
 * @param refreshInterval the pause between two refreshes of the materialized view; 0 refreshes only
 *     on demand ({@code POST /api/v1/admin/read-model/refresh})
 */
@ConfigurationProperties("rastro.read-model")
public record ReadModelProperties(@DefaultValue("60s") Duration refreshInterval) {}
