package io.rastro.search;

import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * What an engine found for a query.
 *
 * @param total how many shipments match, on every page
 * @param byStatus how many of those are in each status
 * @param byCarrier how many of those each carrier carries (shipments without one are not counted)
 * @param next where the next page starts, when there is one
 */
public record SearchPage(
    List<SearchHit> hits,
    long total,
    Map<String, Long> byStatus,
    Map<String, Long> byCarrier,
    @Nullable SearchCursor next) {}
