/**
 * Search: find shipments by what people remember of them, by text and by place (issue 16). One
 * document per shipment, kept from the domain events by the search consumer; answered by the engine
 * {@code rastro.search.engine} selects, PostgreSQL (the default) or Elasticsearch, behind one port
 * ({@link io.rastro.search.SearchEngine}).
 */
@NullMarked
package io.rastro.search;

import org.jspecify.annotations.NullMarked;
