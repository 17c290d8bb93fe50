package io.rastro.bench;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.Reader;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * What a 202 promises on each queue backend, as this machine runs it: read from the servers
 * themselves, so that the report states it beside each backend's figures.
 */
final class Durability {

  private Durability() {}

  /** The database's own settings: whether a commit waits for the disk. */
  static String postgres(String url) {
    try (var connection = DriverManager.getConnection(url, "postgres", "");
        var statement = connection.createStatement();
        var rows =
            statement.executeQuery(
                "select current_setting('fsync'), current_setting('synchronous_commit')")) {
      rows.next();
      return "fsync=" + rows.getString(1) + ", synchronous_commit=" + rows.getString(2);
    } catch (SQLException e) {
      return "PostgreSQL's settings unreadable: " + e.getMessage();
    }
  }

  /** Each backend's promise, for the report. */
  static String of(String backend, String databaseUrl) {
    var database = "PostgreSQL " + postgres(databaseUrl);
    return switch (backend) {
      case "embedded" -> "queue table in the same " + database;
      case "rabbitmq" ->
          "RabbitMQ quorum queue, 202 after the publisher confirm; written to " + database;
      case "redis" ->
          "Redis stream, this server's " + redis("127.0.0.1", 6379) + "; written to " + database;
      default -> backend;
    };
  }

  /** The Redis server's persistence settings, {@code CONFIG GET appendonly} and appendfsync. */
  static String redis(String host, int port) {
    try (var socket = new Socket()) {
      socket.connect(new InetSocketAddress(host, port), 1000);
      socket.setSoTimeout(2000);
      var out = socket.getOutputStream();
      out.write(command("CONFIG", "GET", "append*").getBytes(StandardCharsets.UTF_8));
      out.flush();
      var config =
          configReply(new InputStreamReader(socket.getInputStream(), StandardCharsets.UTF_8));
      return "appendonly="
          + config.getOrDefault("appendonly", "?")
          + ", appendfsync="
          + config.getOrDefault("appendfsync", "?");
    } catch (IOException | RuntimeException e) {
      return "persistence settings unreadable (" + e.getMessage() + ")";
    }
  }

  static String command(String... words) {
    var text = new StringBuilder("*" + words.length + "\r\n");
    for (var word : words) {
      text.append('$').append(word.length()).append("\r\n").append(word).append("\r\n");
    }
    return text.toString();
  }

  /** The name–value pairs of a {@code CONFIG GET} reply (a RESP array of bulk strings). */
  static Map<String, String> configReply(Reader reader) throws IOException {
    var in = new BufferedReader(reader);
    var header = in.readLine();
    if (header == null || !header.startsWith("*")) {
      throw new IOException("not a CONFIG GET reply: " + header);
    }
    var items = Integer.parseInt(header.substring(1));
    var config = new LinkedHashMap<String, String>();
    for (int i = 0; i + 1 < items; i += 2) {
      config.put(bulk(in), bulk(in));
    }
    return config;
  }

  private static String bulk(BufferedReader in) throws IOException {
    var length = in.readLine();
    var value = in.readLine();
    if (length == null || !length.startsWith("$") || value == null) {
      throw new IOException("not a bulk string: " + length);
    }
    return value;
  }
}
