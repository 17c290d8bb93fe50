/** Creating a shipment: the command, its handler, its web adapter and its answer. */
@NullMarked
package io.rastro.shipment.commands;

import org.jspecify.annotations.NullMarked;
