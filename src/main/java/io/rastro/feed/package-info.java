/**
 * The change feed, {@code GET /api/v1/events}: the domain events a caller may see, in order, as
 * CloudEvents, paged as JSON or streamed as Server-Sent Events that resume from {@code
 * Last-Event-ID}; and the tracking page's own stream of "this shipment changed".
 */
@NullMarked
package io.rastro.feed;

import org.jspecify.annotations.NullMarked;
