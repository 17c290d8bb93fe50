package io.rastro.platform;

import java.sql.SQLTransientException;
import org.springframework.dao.DataAccessResourceFailureException;
import org.springframework.dao.PessimisticLockingFailureException;
import org.springframework.dao.TransientDataAccessException;
import org.springframework.jdbc.CannotGetJdbcConnectionException;
import org.springframework.transaction.CannotCreateTransactionException;

/**
 * Tells a passing failure (the database is down, a deadlock) from one that will repeat (a command
 * that cannot be written). Workers retry the first kind for as long as it lasts and never count it
 * against a command.
 */
public final class Failures {

  private Failures() {}

  public static boolean isTransient(Throwable failure) {
    for (var cause = failure; cause != null; cause = cause.getCause()) {
      if (cause instanceof DataAccessResourceFailureException
          || cause instanceof CannotGetJdbcConnectionException
          || cause instanceof CannotCreateTransactionException
          || cause instanceof TransientDataAccessException
          || cause instanceof PessimisticLockingFailureException
          || cause instanceof SQLTransientException
          || cause instanceof java.net.ConnectException) {
        return true;
      }
      if (cause instanceof java.sql.SQLException sql
          && sql.getSQLState() != null
          && (sql.getSQLState().startsWith("08") || sql.getSQLState().startsWith("57P"))) {
        return true;
      }
    }
    return false;
  }
}
