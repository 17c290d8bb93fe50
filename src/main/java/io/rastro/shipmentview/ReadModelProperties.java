package io.rastro.shipmentview;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * How the read model is kept fresh.
 *
 * @param mode {@code projection}: maintained event by event from the outbox, fresh in milliseconds;
 *     or {@code materialized-view}: the seed's Phase 1, a materialized view refreshed on a
 *     schedule. The API is the same.
 * @param refreshInterval in {@code materialized-view} mode, the pause between two refreshes of the
 *     view; 0 refreshes only on demand ({@code POST /api/v1/admin/read-model/refresh})
 * @param maxWait how long a query sent with {@code X-Rastro-Min-Position} waits for the read model
 *     to apply that write
 * @param poolSize the most connections the queries' own pool holds, apart from the writes' pool
 * @param statementTimeout the longest one query statement may run (and wait for a connection); past
 *     it the query answers {@code 503} with {@code Retry-After}; 0 is unlimited
 */
@ConfigurationProperties("rastro.read-model")
public record ReadModelProperties(
    @DefaultValue("projection") Mode mode,
    @DefaultValue("60s") Duration refreshInterval,
    @DefaultValue("2s") Duration maxWait,
    @DefaultValue("10") int poolSize,
    @DefaultValue("2s") Duration statementTimeout) {

  /** The outbox consumer that keeps the projection, by the name of its cursor. */
  public static final String PROJECTION_CURSOR = "shipment-projection";

  /** The relation queries read shipments from, in this mode. */
  public String detailsRelation() {
    return mode.detailsRelation();
  }

  /** The read models Rastro keeps. */
  public enum Mode {
    PROJECTION,
    MATERIALIZED_VIEW;

    /** The relation queries read shipments from in this mode: both have the same columns. */
    public String detailsRelation() {
      return this == PROJECTION ? "shipment_projection_details" : "shipment_details";
    }
  }
}
