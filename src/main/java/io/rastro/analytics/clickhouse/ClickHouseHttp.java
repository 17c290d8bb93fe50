package io.rastro.analytics.clickhouse;

import io.rastro.analytics.AnalyticsProperties;
import io.rastro.analytics.Table;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.jspecify.annotations.Nullable;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * ClickHouse's HTTP interface, the one every release speaks alike: a statement in the body of a
 * {@code POST}, results as {@code JSONCompact}, rows in as {@code JSONEachRow}. The JDK's client
 * and no driver: the JDBC drivers of today no longer talk to an 18.16 server.
 */
final class ClickHouseHttp {

  private static final Duration TIMEOUT = Duration.ofMinutes(2);

  private final HttpClient http =
      HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
  private final URI endpoint;
  private final JsonMapper json;

  ClickHouseHttp(
      AnalyticsProperties.ClickHouse settings, @Nullable String database, JsonMapper json) {
    var query = new StringBuilder("?join_use_nulls=1");
    query.append("&user=").append(encode(settings.user()));
    if (!settings.password().isEmpty()) {
      query.append("&password=").append(encode(settings.password()));
    }
    if (database != null) {
      query.append("&database=").append(encode(database));
    }
    this.endpoint = settings.url().resolve("/" + query);
    this.json = json;
  }

  /** Runs a statement that returns nothing, or whose answer is wanted as is. */
  byte[] execute(String statement) {
    var response = send(HttpRequest.BodyPublishers.ofString(statement));
    if (response.statusCode() != 200) {
      throw new ClickHouseException(
          "ClickHouse answered %d: %s"
              .formatted(
                  response.statusCode(),
                  new String(response.body(), StandardCharsets.UTF_8).strip()));
    }
    return response.body();
  }

  /** Runs a query and returns its rows, typed by the columns' ClickHouse types. */
  Table query(String sql) {
    var answer = json.readTree(execute(sql + "\nFORMAT JSONCompact"));
    var types = new ArrayList<String>();
    var columns = new ArrayList<String>();
    for (var column : answer.path("meta")) {
      columns.add(column.path("name").asString());
      types.add(column.path("type").asString());
    }
    var rows = new ArrayList<List<@Nullable Object>>();
    for (var data : answer.path("data")) {
      var row = new ArrayList<@Nullable Object>(columns.size());
      for (int i = 0; i < columns.size(); i++) {
        row.add(value(data.get(i), types.get(i)));
      }
      rows.add(row);
    }
    return new Table(columns, rows);
  }

  /** 64-bit integers come quoted, so that JavaScript keeps them whole. */
  private static @Nullable Object value(@Nullable JsonNode node, String type) {
    if (node == null || node.isNull()) {
      return null;
    }
    if (type.contains("Float")) {
      return node.asDouble();
    }
    if (type.contains("Int")) {
      return node.asLong();
    }
    return node.asString();
  }

  private HttpResponse<byte[]> send(HttpRequest.BodyPublisher body) {
    var request = HttpRequest.newBuilder(endpoint).timeout(TIMEOUT).POST(body).build();
    try {
      return http.send(request, HttpResponse.BodyHandlers.ofByteArray());
    } catch (IOException e) {
      throw new UncheckedIOException(
          "ClickHouse at " + endpoint.getAuthority() + " unreachable", e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("Interrupted while waiting for ClickHouse", e);
    }
  }

  /** A string literal, escaped as ClickHouse reads it. */
  static String literal(String value) {
    return "'" + value.replace("\\", "\\\\").replace("'", "\\'") + "'";
  }

  private static String encode(String value) {
    return URLEncoder.encode(value, StandardCharsets.UTF_8);
  }

  /** ClickHouse refused a statement. */
  static final class ClickHouseException extends RuntimeException {

    ClickHouseException(String message) {
      super(message);
    }
  }
}
