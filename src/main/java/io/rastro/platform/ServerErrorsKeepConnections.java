package io.rastro.platform;

import com.zaxxer.hikari.SQLExceptionOverride;
import java.sql.SQLException;
import org.jspecify.annotations.Nullable;
import org.postgresql.util.PSQLException;

/**
 * Tells HikariCP not to throw away a connection over an error its server reported and survived.
 * HikariCP evicts a connection on any SQLSTATE of class 08 (connection exception), which is right
 * when the connection to Rastro's database is lost, but PostgreSQL also reports 08001 as a plain
 * {@code ERROR} when it cannot reach a server it relies on (a shard of tracking events through
 * {@code postgres_fdw}): the session is fine, and evicting it would break the transaction under way
 * and churn the pool while the shard is down. A {@code FATAL} error still evicts.
 */
public class ServerErrorsKeepConnections implements SQLExceptionOverride {

  @java.lang.Override
  public Override adjudicate(SQLException failure) {
    return survived(failure) != null ? Override.DO_NOT_EVICT : Override.CONTINUE_EVICT;
  }

  /**
   * What the server said, if this failure (or one of its causes) is an error it reported and
   * survived: {@code could not connect to server "rastro_shard_h1"}, for one.
   */
  public static @Nullable String survived(Throwable failure) {
    for (var cause = failure; cause != null; cause = cause.getCause()) {
      if (cause instanceof PSQLException psql) {
        var message = psql.getServerErrorMessage();
        if (message != null && "ERROR".equals(message.getSeverity())) {
          return message.getMessage();
        }
      }
    }
    return null;
  }
}
