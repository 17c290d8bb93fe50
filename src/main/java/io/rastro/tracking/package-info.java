/**
 * Tracking events (the seed's trazas), the write side: recording what carriers report, once each,
 * into the month-partitioned {@code tracking_events} table.
 */
@NullMarked
package io.rastro.tracking;

import org.jspecify.annotations.NullMarked;
