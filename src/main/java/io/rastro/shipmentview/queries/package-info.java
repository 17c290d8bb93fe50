/**
 * The shipment queries and the public tracking endpoint and page, with the views they answer with
 * and the keyset cursors of their pages.
 */
@NullMarked
package io.rastro.shipmentview.queries;

import org.jspecify.annotations.NullMarked;
