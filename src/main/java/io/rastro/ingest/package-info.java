/**
 * The write-ahead queue of the seed's section 3: the API leaves each command here and answers
 * {@code 202 Accepted} once the queue holds it durably; workers take commands in batches and hand
 * each to the {@link io.rastro.ingest.IngestHandler} its module registered, at a bounded rate. One
 * port ({@link io.rastro.ingest.IngestQueue}), three backends: embedded (PostgreSQL), RabbitMQ and
 * Redis Streams. It imports no feature module.
 */
@NullMarked
package io.rastro.ingest;

import org.jspecify.annotations.NullMarked;
