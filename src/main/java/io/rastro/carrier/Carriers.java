package io.rastro.carrier;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import java.sql.Timestamp;
import java.util.List;
import java.util.Optional;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/** The stored carriers. */
@Repository
public class Carriers {

  private final JdbcClient jdbc;

  /** Carriers are never deleted, so one seen is known for good; this spares the database. */
  private final Cache<String, Boolean> known = Caffeine.newBuilder().maximumSize(10_000).build();

  Carriers(JdbcClient jdbc) {
    this.jdbc = jdbc;
  }

  /** Stores a carrier unless one has its code; returns whether it was stored. */
  public boolean add(Carrier carrier) {
    return jdbc.sql(
                "insert into carriers (code, name, created_at) values (?, ?, ?)"
                    + " on conflict (code) do nothing")
            .params(carrier.code(), carrier.name(), Timestamp.from(carrier.createdAt()))
            .update()
        == 1;
  }

  /** All carriers, by code. */
  public List<Carrier> all() {
    return jdbc.sql("select code, name, created_at from carriers order by code")
        .query(
            (rs, n) ->
                new Carrier(
                    rs.getString("code"),
                    rs.getString("name"),
                    rs.getTimestamp("created_at").toInstant()))
        .list();
  }

  /** The name of the carrier with this code. */
  public Optional<String> name(String code) {
    return jdbc.sql("select name from carriers where code = ?")
        .param(code)
        .query(String.class)
        .optional();
  }

  /** Whether a carrier with this code exists. */
  public boolean exists(String code) {
    if (known.getIfPresent(code) != null) {
      return true;
    }
    boolean exists =
        jdbc.sql("select exists (select 1 from carriers where code = ?)")
            .param(code)
            .query(Boolean.class)
            .single();
    if (exists) {
      known.put(code, true);
    }
    return exists;
  }
}
