/**
 * {@code GET /api/v1/shipments/search}: the request, its validation and tenancy, and the answer.
 */
@NullMarked
package io.rastro.search.queries;

import org.jspecify.annotations.NullMarked;
