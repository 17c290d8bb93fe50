/**
 * The Redis Streams queue backend ({@code rastro.ingest.queue=redis}): a stream, and the consumer
 * group of workers that drains it.
 */
@NullMarked
package io.rastro.ingest.redis;

import org.jspecify.annotations.NullMarked;
