package io.rastro.ingest.redis;

import io.rastro.ingest.IngestProperties;
import io.rastro.ingest.internal.BatchWriter;
import io.rastro.platform.WorkerPool;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.data.domain.Range;
import org.springframework.data.redis.RedisSystemException;
import org.springframework.data.redis.connection.stream.Consumer;
import org.springframework.data.redis.connection.stream.MapRecord;
import org.springframework.data.redis.connection.stream.ReadOffset;
import org.springframework.data.redis.connection.stream.RecordId;
import org.springframework.data.redis.connection.stream.StreamOffset;
import org.springframework.data.redis.connection.stream.StreamReadOptions;
import org.springframework.data.redis.core.StringRedisTemplate;
import org.springframework.data.redis.core.script.RedisScript;

/**
 * Workers of the Redis Streams queue, in one consumer group: each reads new entries with {@code
 * XREADGROUP}, writes them, then acknowledges and deletes them ({@code XACK}, {@code XDEL}).
 * Entries a dead worker left pending are taken over with {@code XCLAIM} once idle for {@code
 * rastro.ingest.redis.claim-idle}; keep that longer than the slowest batch, or two workers may
 * write the same entries (harmless: the writes are idempotent, but wasted).
 */
class RedisStreamWorkers extends WorkerPool {

  private static final Logger log = LoggerFactory.getLogger(RedisStreamWorkers.class);
  static final String GROUP = "rastro-workers";

  private final StringRedisTemplate redis;
  private final BatchWriter writer;
  private final IngestProperties properties;
  private final String stream;
  private final String instance = UUID.randomUUID().toString().substring(0, 8);

  RedisStreamWorkers(StringRedisTemplate redis, BatchWriter writer, IngestProperties properties) {
    super("ingest-redis", properties.workers());
    this.redis = redis;
    this.writer = writer;
    this.properties = properties;
    this.stream = properties.redis().stream();
  }

  /**
   * Writes this worker's own pending entries first (left by a failed round), then entries other
   * workers abandoned, then new ones.
   */
  @Override
  protected Round round(int worker) {
    var consumer = Consumer.from(GROUP, "rastro-" + instance + "-" + worker);
    var lastClaim = new long[] {System.nanoTime()};
    return () -> {
      ensureGroup();
      var batch = read(consumer, ReadOffset.from("0"));
      if (batch.isEmpty()
          && System.nanoTime() - lastClaim[0] > properties.redis().claimIdle().toNanos() / 2) {
        batch = claimAbandoned(consumer);
        lastClaim[0] = System.nanoTime();
      }
      if (batch.isEmpty()) {
        batch = read(consumer, ReadOffset.lastConsumed());
      }
      if (!batch.isEmpty()) {
        var taken = batch;
        writer.write(() -> taken, Optional::of, RedisStreamQueue::command);
        acknowledge(taken);
      }
    };
  }

  /** This consumer's own pending entries (from "0") or new ones (from ">"). */
  // "unchecked": Spring Data's read takes its one stream offset as varargs. "ReferenceEquality":
  // ReadOffset.lastConsumed() makes a new instance at each call, so the comparison below is never
  // true and reads of new entries never block; kept as it is until that change is decided.
  @SuppressWarnings({"unchecked", "ReferenceEquality"})
  private List<MapRecord<String, String, String>> read(Consumer consumer, ReadOffset offset) {
    var options = StreamReadOptions.empty().count(properties.batchSize());
    if (offset == ReadOffset.lastConsumed()) {
      options =
          options.block(
              properties.linger().isZero()
                  ? Duration.ofMillis(1)
                  : properties.linger().plusMillis(200));
    }
    var records =
        redis
            .<String, String>opsForStream()
            .read(consumer, options, StreamOffset.create(stream, offset));
    return records == null ? List.of() : records;
  }

  private List<MapRecord<String, String, String>> claimAbandoned(Consumer consumer) {
    var pending =
        redis.opsForStream().pending(stream, GROUP, Range.unbounded(), properties.batchSize());
    var idle = properties.redis().claimIdle();
    var ids =
        pending.stream()
            .filter(p -> p.getElapsedTimeSinceLastDelivery().compareTo(idle) >= 0)
            .filter(p -> !p.getConsumerName().equals(consumer.getName()))
            .map(p -> p.getId())
            .toArray(RecordId[]::new);
    if (ids.length == 0) {
      return List.of();
    }
    log.info("Taking over {} entries left pending by a stopped worker", ids.length);
    return redis.<String, String>opsForStream().claim(stream, GROUP, consumer.getName(), idle, ids);
  }

  /**
   * Acknowledges and deletes written entries in one atomic script: a worker killed in between would
   * otherwise leave entries delivered, acknowledged and never deleted.
   */
  private static final RedisScript<Long> ACKNOWLEDGE_AND_DELETE =
      RedisScript.of(
          "local n = redis.call('XACK', KEYS[1], ARGV[1], unpack(ARGV, 2))"
              + " redis.call('XDEL', KEYS[1], unpack(ARGV, 2)) return n",
          Long.class);

  private void acknowledge(List<MapRecord<String, String, String>> batch) {
    var arguments = new ArrayList<Object>();
    arguments.add(GROUP);
    batch.forEach(record -> arguments.add(record.getId().getValue()));
    redis.execute(ACKNOWLEDGE_AND_DELETE, List.of(stream), arguments.toArray());
  }

  private volatile boolean groupReady;

  private void ensureGroup() {
    if (groupReady) {
      return;
    }
    try {
      redis.opsForStream().createGroup(stream, ReadOffset.from("0"), GROUP);
    } catch (RedisSystemException e) {
      if (!String.valueOf(e.getMostSpecificCause().getMessage()).contains("BUSYGROUP")) {
        throw e;
      }
    }
    groupReady = true;
  }
}
