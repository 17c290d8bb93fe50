/**
 * The projected read model: kept up to date from the domain events, and rebuilt from the write
 * model on demand.
 */
@NullMarked
package io.rastro.shipmentview.projection;

import org.jspecify.annotations.NullMarked;
