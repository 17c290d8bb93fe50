/**
 * The event bus: where the outbox's domain events go ({@code rastro.events.bus}), written as
 * CloudEvents to a RabbitMQ topic exchange and fed back to the projection in unbroken relay order.
 */
@NullMarked
package io.rastro.platform.events;

import org.jspecify.annotations.NullMarked;
