package io.rastro.outbox;

import java.util.List;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;
import org.springframework.transaction.annotation.Propagation;
import org.springframework.transaction.annotation.Transactional;

/**
 * The transactional outbox: a write adds its domain events here in its own transaction, so there is
 * no write without its events and no event without its write. The relay hands them on.
 */
@Repository
public class Outbox {

  private final JdbcClient jdbc;
  private final EventCatalog catalog;

  Outbox(JdbcClient jdbc, EventCatalog catalog) {
    this.jdbc = jdbc;
    this.catalog = catalog;
  }

  /** Records events; must run inside the transaction of the write that caused them. */
  @Transactional(propagation = Propagation.MANDATORY)
  public void add(List<? extends DomainEvent> events) {
    if (events.isEmpty()) {
      return;
    }
    var encoded = events.stream().map(catalog::encode).toList();
    jdbc.sql(
            "insert into outbox (type, subject, data)"
                + " select * from unnest(?::text[], ?::text[], ?::jsonb[])")
        .params(
            encoded.stream().map(EventCatalog.Encoded::type).toArray(String[]::new),
            encoded.stream().map(EventCatalog.Encoded::subject).toArray(String[]::new),
            encoded.stream().map(EventCatalog.Encoded::data).toArray(String[]::new))
        .update();
  }
}
