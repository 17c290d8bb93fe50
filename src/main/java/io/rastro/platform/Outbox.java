package io.rastro.platform;

import java.util.List;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;
import org.springframework.transaction.annotation.Propagation;
import org.springframework.transaction.annotation.Transactional;
import tools.jackson.databind.json.JsonMapper;

/**
 * The transactional outbox: a write adds its domain events here in its own transaction, so there is
 * no write without its events and no event without its write. {@link OutboxRelay} hands them on.
 */
@Repository
public class Outbox {

  private final JdbcClient jdbc;
  private final JsonMapper json;

  Outbox(JdbcClient jdbc, JsonMapper json) {
    this.jdbc = jdbc;
    this.json = json;
  }

  /**
   * A domain event about to be recorded.
   *
   * @param type its type, such as {@code ShipmentCreated}
   * @param subject what it is about: a tracking number
   * @param data its content, serialized as JSON
   */
  public record Event(String type, String subject, Object data) {}

  /** Records events; must run inside the transaction of the write that caused them. */
  @Transactional(propagation = Propagation.MANDATORY)
  public void add(List<Event> events) {
    if (events.isEmpty()) {
      return;
    }
    jdbc.sql(
            "insert into outbox (type, subject, data)"
                + " select * from unnest(?::text[], ?::text[], ?::jsonb[])")
        .params(
            events.stream().map(Event::type).toArray(String[]::new),
            events.stream().map(Event::subject).toArray(String[]::new),
            events.stream().map(e -> json.writeValueAsString(e.data())).toArray(String[]::new))
        .update();
  }
}
