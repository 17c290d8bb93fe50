/**
 * The API keys of a query role ({@code rastro.role=query}): taken from the bus, hashes only, into
 * the query role's own database, so that a key issued or revoked on the ingest role is honoured
 * here too.
 */
@NullMarked
package io.rastro.security.replica;

import org.jspecify.annotations.NullMarked;
