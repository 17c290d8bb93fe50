package io.rastro.outbox;

import com.fasterxml.jackson.annotation.JsonIgnore;

/**
 * A published domain event: a public past-tense record, owned by the module that publishes it and
 * registered by that module as an {@link EventType}. Its record components are its JSON, pinned per
 * version by a golden test.
 */
public interface DomainEvent {

  /** What the event is about, such as a tracking number: the CloudEvents {@code subject}. */
  @JsonIgnore
  String subject();
}
