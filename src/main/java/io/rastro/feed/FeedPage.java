package io.rastro.feed;

import java.util.List;
import tools.jackson.databind.JsonNode;

/**
 * A page of the change feed: {@code GET /api/v1/events}.
 *
 * @param events the caller's domain events after the position asked for, in order, as CloudEvents
 * @param next the position to go on from
 */
record FeedPage(List<JsonNode> events, String next) {}
