/**
 * What every queue backend shares: the batch writer, the handlers by command type, the backlog
 * bound, the dead letters and the queue's gauges and health.
 */
@NullMarked
package io.rastro.ingest.internal;

import org.jspecify.annotations.NullMarked;
