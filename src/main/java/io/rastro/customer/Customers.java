package io.rastro.customer;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import java.sql.Timestamp;
import java.util.Optional;
import java.util.UUID;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/** The stored customers. */
@Repository
public class Customers {

  private final JdbcClient jdbc;

  /** Customers are never deleted, so one seen is known for good; this spares the database. */
  private final Cache<UUID, Boolean> known = Caffeine.newBuilder().maximumSize(100_000).build();

  Customers(JdbcClient jdbc) {
    this.jdbc = jdbc;
  }

  /** Stores a new customer. */
  public void add(Customer customer) {
    jdbc.sql("insert into customers (id, name, email, phone, created_at) values (?, ?, ?, ?, ?)")
        .param(customer.id())
        .param(customer.name())
        .param(customer.email())
        .param(customer.phone())
        .param(Timestamp.from(customer.createdAt()))
        .update();
  }

  /** The customer with this id, if there is one. */
  public Optional<Customer> find(UUID id) {
    return jdbc.sql("select id, name, email, phone, created_at from customers where id = ?")
        .param(id)
        .query(
            (rs, n) ->
                new Customer(
                    rs.getObject("id", UUID.class),
                    rs.getString("name"),
                    rs.getString("email"),
                    rs.getString("phone"),
                    rs.getTimestamp("created_at").toInstant()))
        .optional();
  }

  /** Whether a customer with this id exists. */
  public boolean exists(UUID id) {
    if (known.getIfPresent(id) != null) {
      return true;
    }
    boolean exists =
        jdbc.sql("select exists (select 1 from customers where id = ?)")
            .param(id)
            .query(Boolean.class)
            .single();
    if (exists) {
      known.put(id, true);
    }
    return exists;
  }
}
