package io.rastro.shipmentview.queries;

import java.time.Instant;
import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * A page of shipments, newest first.
 *
 * @param nextCursor pass it as {@code cursor} for the next page; null on the last page
 * @param asOf every write committed before this instant is reflected here
 * @param lagMs how far {@code asOf} is behind the moment of this answer
 */
public record ShipmentPage(
    List<ShipmentSummaryView> items, @Nullable String nextCursor, Instant asOf, long lagMs) {}
