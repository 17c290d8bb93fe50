/**
 * The embedded queue backend: a PostgreSQL table, written with group commits and drained by workers
 * that an in-process signal wakes.
 */
@NullMarked
package io.rastro.ingest.embedded;

import org.jspecify.annotations.NullMarked;
