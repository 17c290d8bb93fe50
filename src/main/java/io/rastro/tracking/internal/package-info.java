/**
 * Writing tracking events: the write-ahead queue's handler, the batch writer, the events still
 * waiting for their shipment, and the monthly partitions.
 */
@NullMarked
package io.rastro.tracking.internal;

import org.jspecify.annotations.NullMarked;
