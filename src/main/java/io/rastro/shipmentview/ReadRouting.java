package io.rastro.shipmentview;

import com.zaxxer.hikari.HikariDataSource;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Supplier;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.dao.DataAccessException;
import org.springframework.jdbc.datasource.AbstractDataSource;

/**
 * The queries' {@link javax.sql.DataSource}: the read database's pool and, when {@code
 * rastro.query.replicas} names some, a pool per streaming replica. Each request reads from one
 * place: the first read of a request picks the next healthy replica in turn (the read database when
 * none is), and the request's later reads stay there, so that a consistency token checked on a
 * replica holds for what the request then reads. A replica that fails to give a connection is
 * marked down at once and the read goes elsewhere; a check brings it back when it answers again.
 */
public final class ReadRouting extends AbstractDataSource implements AutoCloseable {

  private static final Logger log = LoggerFactory.getLogger(ReadRouting.class);

  /** Where reads go: a pool, and whether it answered its last check. */
  public static final class Target {
    private final String name;
    private final HikariDataSource pool;
    private final boolean replica;
    private final Counter reads;
    private volatile boolean healthy = true;

    Target(String name, HikariDataSource pool, boolean replica, MeterRegistry meters) {
      this.name = name;
      this.pool = pool;
      this.replica = replica;
      this.reads =
          Counter.builder("rastro.reads")
              .description("Connections the queries took, by where they read")
              .tag("target", name)
              .register(meters);
      if (replica) {
        Gauge.builder("rastro.reads.replica.healthy", this, t -> t.healthy ? 1 : 0)
            .description("1 when the replica answered its last check")
            .tag("target", name)
            .register(meters);
      }
    }

    public String name() {
      return name;
    }
  }

  private final Target primary;
  private final List<Target> replicas;
  private final AtomicInteger turn = new AtomicInteger();

  // Per instance: a Rastro has one, and each request's scope clears them (see request()).
  @SuppressWarnings("ThreadLocalUsage")
  private final ThreadLocal<@Nullable Target> pinned = new ThreadLocal<>();

  @SuppressWarnings("ThreadLocalUsage")
  private final ThreadLocal<Boolean> scoped = ThreadLocal.withInitial(() -> false);

  ReadRouting(Target primary, List<Target> replicas) {
    this.primary = primary;
    this.replicas = List.copyOf(replicas);
  }

  /** The reads of one request, until closed. */
  public interface Request extends AutoCloseable {
    @Override
    void close();
  }

  /**
   * Opens one request's reads: until closed, they all go to the place the first read picks, unless
   * moved with {@link #usePrimary()}.
   */
  public Request request() {
    if (scoped.get()) {
      return () -> {}; // within an outer request, which keeps its place
    }
    scoped.set(true);
    return () -> {
      scoped.remove();
      pinned.remove();
    };
  }

  /** Whether the current request reads from a replica. */
  public boolean onReplica() {
    return current().replica;
  }

  /** Moves the current request's later reads to the read database itself. */
  public void usePrimary() {
    if (scoped.get()) {
      pinned.set(primary);
    }
  }

  /**
   * Runs a read; if it fails because its replica went away (a connection lost or refused, the
   * server shutting down), marks the replica down and runs it once more elsewhere.
   */
  public <T> T retrying(Supplier<T> read) {
    var reads = request();
    try {
      var target = current();
      try {
        return read.get();
      } catch (DataAccessException e) {
        if (!target.replica || !lostConnection(e)) {
          throw e;
        }
        down(target, e);
        return read.get();
      }
    } finally {
      reads.close();
    }
  }

  private static boolean lostConnection(Throwable e) {
    for (var cause = e; cause != null; cause = cause.getCause()) {
      if (cause instanceof SQLException sql && sql.getSQLState() != null) {
        var state = sql.getSQLState();
        // 08: connection exceptions; 57P01-57P03: the server shutting down or not yet up
        return state.startsWith("08") || state.startsWith("57P");
      }
    }
    return false;
  }

  private Target current() {
    var target = pinned.get();
    if (target != null) {
      // a replica gone mid-request: the read database, which is never behind what it answered
      return target.healthy || !target.replica ? target : primary;
    }
    target = next();
    if (scoped.get()) {
      pinned.set(target);
    }
    return target;
  }

  private Target next() {
    for (int i = 0; i < replicas.size(); i++) {
      var replica = replicas.get(Math.floorMod(turn.getAndIncrement(), replicas.size()));
      if (replica.healthy) {
        return replica;
      }
    }
    return primary;
  }

  private void down(Target target, Exception e) {
    if (target.healthy) {
      log.warn("Replica {} is down, reads go elsewhere: {}", target.name, e.toString());
    }
    target.healthy = false;
    if (pinned.get() == target) {
      pinned.set(primary);
    }
  }

  @Override
  public Connection getConnection() throws SQLException {
    while (true) {
      var target = current();
      try {
        var connection = target.pool.getConnection();
        target.reads.increment();
        return connection;
      } catch (SQLException e) {
        if (!target.replica) {
          throw e;
        }
        down(target, e);
      }
    }
  }

  @Override
  public Connection getConnection(String username, String password) throws SQLException {
    throw new SQLException("The read pools use the datasource's credentials");
  }

  /** Checks every replica: healthy when it answers and is in recovery (a standby). */
  void check() {
    for (var replica : replicas) {
      try (var connection = replica.pool.getConnection();
          var statement = connection.createStatement();
          var rows = statement.executeQuery("select pg_is_in_recovery()")) {
        rows.next();
        if (!rows.getBoolean(1)) {
          throw new SQLException("not a replica: it is not in recovery");
        }
        if (!replica.healthy) {
          log.info("Replica {} answers again; reads go to it", replica.name);
        }
        replica.healthy = true;
      } catch (SQLException | RuntimeException e) {
        down(replica, e);
      }
    }
  }

  @Override
  public void close() {
    primary.pool.close();
    replicas.forEach(r -> r.pool.close());
  }
}
