/**
 * The RabbitMQ bus ({@code rastro.events.bus=rabbitmq}): the outbox relayed as CloudEvents to a
 * topic exchange, and Rastro's own consumers fed from it through chain-checked cursors.
 */
@NullMarked
package io.rastro.outbox.bus;

import org.jspecify.annotations.NullMarked;
