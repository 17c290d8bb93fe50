/**
 * Writing shipments: their tracking numbers, issued before the write, and the write-ahead queue's
 * handler that writes them.
 */
@NullMarked
package io.rastro.shipment.internal;

import org.jspecify.annotations.NullMarked;
