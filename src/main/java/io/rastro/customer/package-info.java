/**
 * Customers (the seed's clientes): the senders who create shipments. {@link
 * io.rastro.customer.Customers} is the module's API to the rest of Rastro.
 */
@NullMarked
package io.rastro.customer;

import org.jspecify.annotations.NullMarked;
