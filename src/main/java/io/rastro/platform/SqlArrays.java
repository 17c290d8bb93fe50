package io.rastro.platform;

import java.util.List;
import java.util.function.Function;
import org.jspecify.annotations.Nullable;

/**
 * Rows bound as one array per column, for a statement that reads them with {@code unnest(?::type[],
 * …)}: one statement for a whole batch, whatever its size.
 */
public final class SqlArrays {

  private SqlArrays() {}

  /**
   * One column of the rows as text, which PostgreSQL casts to the column's type; a null stays null.
   */
  public static <T> String[] column(List<T> rows, Function<T, @Nullable Object> value) {
    return rows.stream()
        .map(value)
        .map(v -> v == null ? null : v.toString())
        .toArray(String[]::new);
  }
}
