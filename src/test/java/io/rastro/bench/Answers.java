package io.rastro.bench;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.TreeMap;
import org.jspecify.annotations.Nullable;
import tools.jackson.databind.JsonNode;

/**
 * A report's answer as flat rows (column name to value; {@code transitHours.p50} for a nested one),
 * from the API's JSON or from a SQL result, and the comparison of two answers: the rows keyed by
 * their first column (the order of text differs between collations), numbers equal within a
 * billionth of their size, as {@code 0.1 + 0.2} is not {@code 0.3} in every engine.
 */
public final class Answers {

  private Answers() {}

  /** The rows of the API's {@code rows} array, nested objects flattened with dots. */
  public static List<Map<String, @Nullable Object>> of(JsonNode rows) {
    var flat = new ArrayList<Map<String, @Nullable Object>>();
    for (var row : rows) {
      var columns = new LinkedHashMap<String, @Nullable Object>();
      flatten("", row, columns);
      flat.add(columns);
    }
    return flat;
  }

  private static void flatten(String prefix, JsonNode node, Map<String, @Nullable Object> columns) {
    for (var property : node.properties()) {
      var name = prefix + property.getKey();
      var value = property.getValue();
      if (value.isObject()) {
        flatten(name + ".", value, columns);
      } else if (value.isNull()) {
        columns.put(name, null);
      } else if (value.isNumber()) {
        columns.put(name, value.asDouble());
      } else {
        columns.put(name, value.asString());
      }
    }
  }

  /** The first difference between two answers, or none. */
  public static Optional<String> difference(
      List<Map<String, @Nullable Object>> expected, List<Map<String, @Nullable Object>> actual) {
    var wanted = keyed(expected);
    var got = keyed(actual);
    if (!wanted.keySet().equals(got.keySet())) {
      return Optional.of("groups %s against %s".formatted(wanted.keySet(), got.keySet()));
    }
    for (var entry : wanted.entrySet()) {
      var other = Objects.requireNonNull(got.get(entry.getKey()));
      if (!entry.getValue().keySet().equals(other.keySet())) {
        return Optional.of(
            "columns %s against %s".formatted(entry.getValue().keySet(), other.keySet()));
      }
      for (var column : entry.getValue().entrySet()) {
        var value = other.get(column.getKey());
        if (!same(column.getValue(), value)) {
          return Optional.of(
              "%s of %s: %s against %s"
                  .formatted(column.getKey(), entry.getKey(), column.getValue(), value));
        }
      }
    }
    return Optional.empty();
  }

  private static Map<String, Map<String, @Nullable Object>> keyed(
      List<Map<String, @Nullable Object>> rows) {
    var keyed = new TreeMap<String, Map<String, @Nullable Object>>();
    for (var row : rows) {
      var first = row.isEmpty() ? null : row.values().iterator().next();
      keyed.put(String.valueOf(first), row);
    }
    return keyed;
  }

  static boolean same(@Nullable Object a, @Nullable Object b) {
    if (a == null || b == null) {
      return a == b;
    }
    if (a instanceof Number x && b instanceof Number y) {
      var p = number(x);
      var q = number(y);
      return Math.abs(p - q) <= 1e-9 * Math.max(1, Math.max(Math.abs(p), Math.abs(q)));
    }
    return a.toString().strip().equals(b.toString().strip());
  }

  private static double number(Number n) {
    return n instanceof BigDecimal d ? d.doubleValue() : n.doubleValue();
  }
}
