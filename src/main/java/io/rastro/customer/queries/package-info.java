/** Reading customers: the web adapter that reads one by id. */
@NullMarked
package io.rastro.customer.queries;

import org.jspecify.annotations.NullMarked;
