/**
 * The RabbitMQ queue backend ({@code rastro.ingest.queue=rabbitmq}): a quorum queue with publisher
 * confirms, and the worker that drains it.
 */
@NullMarked
package io.rastro.ingest.rabbitmq;

import org.jspecify.annotations.NullMarked;
