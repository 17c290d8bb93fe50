/**
 * The Elasticsearch engine, over its REST API: an index behind an alias, fed in bulk with external
 * versions, rebuilt into a new index and swapped.
 */
@NullMarked
package io.rastro.search.elasticsearch;

import org.jspecify.annotations.NullMarked;
