/**
 * The default engine: the documents' own table, with full-text, trigram and earthdistance indexes.
 */
@NullMarked
package io.rastro.search.postgres;

import org.jspecify.annotations.NullMarked;
