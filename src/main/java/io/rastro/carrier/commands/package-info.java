/** Registering a carrier: the command and its web adapter. */
@NullMarked
package io.rastro.carrier.commands;

import org.jspecify.annotations.NullMarked;
