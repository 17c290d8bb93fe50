package io.rastro.outbox;

import org.springframework.context.ApplicationContext;

/**
 * A test's hand on the outbox relay: one batch to one consumer, in the caller's transaction, as a
 * round of the relay does it; the caller may hold the consumer's lock already.
 */
public final class RelayBatches {

  private RelayBatches() {}

  /** Relays one batch to the consumer of this name; returns how many events it relayed. */
  public static int relayOnce(ApplicationContext context, String consumer) {
    var target =
        context.getBean(RelayTargets.class).targets().stream()
            .filter(t -> t.name().equals(consumer))
            .findFirst()
            .orElseThrow();
    return context.getBean(OutboxRelay.class).relayOnce(target);
  }
}
