/**
 * The reports: their SQL, shared by the engines but for the {@link io.rastro.analytics.Dialect},
 * and their web adapter with JSON, CSV and Parquet answers.
 */
@NullMarked
package io.rastro.analytics.queries;

import org.jspecify.annotations.NullMarked;
