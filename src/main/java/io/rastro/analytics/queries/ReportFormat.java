package io.rastro.analytics.queries;

import io.rastro.analytics.Table;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Collectors;
import org.jspecify.annotations.Nullable;

/** The answers a report can take: JSON (the default), CSV or Parquet. */
enum ReportFormat {
  JSON,
  CSV,
  PARQUET;

  static ReportFormat of(String value) {
    for (var format : values()) {
      if (format.name().equalsIgnoreCase(value)) {
        return format;
      }
    }
    throw new io.rastro.platform.InvalidRequestException(
        "format", "unknown value '%s'; expected json, csv or parquet".formatted(value));
  }

  /** The rows as JSON objects; a column named {@code a.b} becomes {@code b} inside {@code a}. */
  static List<Map<String, @Nullable Object>> objects(Table table) {
    var objects = new ArrayList<Map<String, @Nullable Object>>(table.rows().size());
    for (var row : table.rows()) {
      var object = new LinkedHashMap<String, @Nullable Object>();
      for (int i = 0; i < table.columns().size(); i++) {
        var name = table.columns().get(i);
        var dot = name.indexOf('.');
        if (dot < 0) {
          object.put(name, row.get(i));
        } else {
          @SuppressWarnings("unchecked")
          var nested =
              (Map<String, @Nullable Object>)
                  object.computeIfAbsent(
                      name.substring(0, dot), k -> new LinkedHashMap<String, @Nullable Object>());
          nested.put(name.substring(dot + 1), row.get(i));
        }
      }
      objects.add(object);
    }
    return objects;
  }

  /** The table as RFC 4180 CSV, a header line first; null is an empty field. */
  static String csv(Table table) {
    var csv = new StringBuilder();
    csv.append(table.columns().stream().map(ReportFormat::field).collect(Collectors.joining(",")));
    csv.append("\r\n");
    for (var row : table.rows()) {
      csv.append(row.stream().map(ReportFormat::field).collect(Collectors.joining(",")));
      csv.append("\r\n");
    }
    return csv.toString();
  }

  private static String field(@Nullable Object value) {
    if (value == null) {
      return "";
    }
    var text = value.toString();
    return text.matches("[^,\"\r\n]*") ? text : '"' + text.replace("\"", "\"\"") + '"';
  }

  String lowerCase() {
    return name().toLowerCase(Locale.ROOT);
  }
}
