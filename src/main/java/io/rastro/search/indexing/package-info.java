/**
 * The search consumer: folds the domain events into one search document per shipment, in the read
 * database, and hands each changed document to the engine.
 */
@NullMarked
package io.rastro.search.indexing;

import org.jspecify.annotations.NullMarked;
