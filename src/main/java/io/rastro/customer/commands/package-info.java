/** Registering a customer: the command and its web adapter. */
@NullMarked
package io.rastro.customer.commands;

import org.jspecify.annotations.NullMarked;
