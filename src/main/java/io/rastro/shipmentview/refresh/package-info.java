/**
 * The materialized view's refresh, the check of the projection against the write model, and the
 * read model's admin API.
 */
@NullMarked
package io.rastro.shipmentview.refresh;

import org.jspecify.annotations.NullMarked;
