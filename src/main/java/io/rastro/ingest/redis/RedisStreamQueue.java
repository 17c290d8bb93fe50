package io.rastro.ingest.redis;

import io.rastro.ingest.IngestCommand;
import io.rastro.ingest.IngestProperties;
import io.rastro.ingest.IngestQueue;
import io.rastro.platform.ServiceUnavailableException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.jspecify.annotations.Nullable;
import org.springframework.dao.DataAccessException;
import org.springframework.data.domain.Range;
import org.springframework.data.redis.connection.Limit;
import org.springframework.data.redis.connection.stream.MapRecord;
import org.springframework.data.redis.connection.stream.StreamRecords;
import org.springframework.data.redis.core.RedisCallback;
import org.springframework.data.redis.core.StringRedisTemplate;

/**
 * The Redis Streams queue. Redis keeps only what it is told to: with {@code appendonly yes} and
 * {@code appendfsync always} an {@code XADD} is on disk before Redis answers, with {@code everysec}
 * up to a second may be lost, and with persistence off nothing survives a restart. Rastro warns at
 * start-up when the server it talks to has persistence off.
 */
class RedisStreamQueue implements IngestQueue {

  static final String TYPE = "type";
  static final String ACCEPTED_AT = "acceptedAt";
  static final String PAYLOAD = "payload";

  private final StringRedisTemplate redis;
  private final String stream;

  RedisStreamQueue(StringRedisTemplate redis, IngestProperties properties) {
    this.redis = redis;
    this.stream = properties.redis().stream();
  }

  @Override
  public void enqueue(List<IngestCommand> commands) {
    try {
      if (commands.size() == 1) {
        // A pipeline takes a dedicated connection; one command goes on the shared one.
        redis.opsForStream().add(record(commands.getFirst()));
        return;
      }
      redis.executePipelined(
          (RedisCallback<@Nullable Object>)
              connection -> {
                for (var command : commands) {
                  connection
                      .streamCommands()
                      .xAdd(
                          StreamRecords.rawBytes(
                                  Map.of(
                                      bytes(TYPE), bytes(command.type()),
                                      bytes(ACCEPTED_AT), bytes(command.acceptedAt().toString()),
                                      bytes(PAYLOAD), command.payload()))
                              .withStreamKey(bytes(stream)));
                }
                return null;
              });
    } catch (DataAccessException e) {
      throw new ServiceUnavailableException(
          "The queue (Redis) cannot take commands now; nothing was accepted",
          Duration.ofSeconds(5),
          e);
    }
  }

  private MapRecord<String, String, String> record(IngestCommand command) {
    return StreamRecords.mapBacked(
            Map.of(
                TYPE, command.type(),
                ACCEPTED_AT, command.acceptedAt().toString(),
                PAYLOAD, new String(command.payload(), StandardCharsets.UTF_8)))
        .withStreamKey(stream);
  }

  private static byte[] bytes(String text) {
    return text.getBytes(StandardCharsets.UTF_8);
  }

  static IngestCommand command(MapRecord<String, String, String> record) {
    var fields = record.getValue();
    return new IngestCommand(
        field(fields, TYPE),
        field(fields, PAYLOAD).getBytes(StandardCharsets.UTF_8),
        Instant.parse(field(fields, ACCEPTED_AT)));
  }

  /** A field that every entry Rastro adds has. */
  private static String field(Map<String, String> fields, String name) {
    return Objects.requireNonNull(fields.get(name), () -> "no " + name + " in the entry");
  }

  /**
   * Entries not yet delivered to a worker (the group's lag) plus those delivered and not yet
   * acknowledged; without a group yet, the whole stream.
   */
  @Override
  public Depth depth() {
    var size = redis.opsForStream().size(stream);
    if (size != null && size > 0) {
      var group =
          redis.opsForStream().groups(stream).stream()
              .filter(g -> g.groupName().equals(RedisStreamWorkers.GROUP))
              .findFirst();
      if (group.isPresent() && group.get().getRaw().get("lag") instanceof Long lag) {
        size = lag + group.get().pendingCount();
      }
    }
    var oldest = redis.opsForStream().range(stream, Range.unbounded(), Limit.limit().count(1));
    var oldestMillis =
        oldest == null || oldest.isEmpty() ? null : oldest.getFirst().getId().getTimestamp();
    return new Depth(
        size == null ? 0 : size, oldestMillis == null ? null : Instant.ofEpochMilli(oldestMillis));
  }

  @Override
  public String backend() {
    return "redis";
  }
}
