package io.rastro.customer;

import java.sql.Timestamp;
import java.util.Optional;
import java.util.UUID;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/** The stored customers. */
@Repository
public class Customers {

  private final JdbcClient jdbc;

  Customers(JdbcClient jdbc) {
    this.jdbc = jdbc;
  }

  /** Stores a new customer. */
  public void add(Customer customer) {
    jdbc.sql("insert into customers (id, name, email, phone, created_at) values (?, ?, ?, ?, ?)")
        .params(
            customer.id(),
            customer.name(),
            customer.email(),
            customer.phone(),
            Timestamp.from(customer.createdAt()))
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
    return jdbc.sql("select exists (select 1 from customers where id = ?)")
        .param(id)
        .query(Boolean.class)
        .single();
  }
}
