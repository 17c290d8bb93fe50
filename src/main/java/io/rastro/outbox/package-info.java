/**
 * The transactional outbox and the event bus: feature modules record their domain events here in
 * the transaction of the write that caused them, and register each event type they publish as an
 * {@link io.rastro.outbox.EventType} bean. The relay hands the events, in commit order, to the
 * consumers ({@link io.rastro.outbox.OutboxConsumer}) or to the RabbitMQ bus, each from its own
 * chain-checked cursor. It names no feature module: they register with it.
 */
@NullMarked
package io.rastro.outbox;

import org.jspecify.annotations.NullMarked;
