/**
 * The query side: the read model of shipments (the seed's {@code vista_envios_detalle}), how it is
 * kept fresh, and the queries that read it. It reads only read-model relations, never the write
 * model's tables.
 */
@NullMarked
package io.rastro.shipmentview;

import org.jspecify.annotations.NullMarked;
