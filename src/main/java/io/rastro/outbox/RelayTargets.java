package io.rastro.outbox;

import java.util.List;

/**
 * The targets the relay feeds, chosen by the bus in use: with the embedded bus, every consumer
 * directly; with RabbitMQ, the publisher alone, and the consumers take the events from the bus.
 */
public record RelayTargets(List<RelayTarget> targets) {}
