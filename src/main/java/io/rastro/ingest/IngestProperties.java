package io.rastro.ingest;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * How commands travel from the API to the database.
 *
 * @param queue the backend: {@code embedded} (a PostgreSQL table, needs no other service), {@code
 *     rabbitmq} or {@code redis}
 * @param workers how many workers write, per Rastro instance
 * @param batchSize the most commands one worker writes in one transaction (a command holds one
 *     shipment, or up to 100 tracking events)
 * @param linger how long an idle worker waits for more commands before writing a partial batch
 * @param maxWriteRate the most commands per second the workers of this instance write; 0 is
 *     unlimited
 * @param maxBacklog the most commands that may wait on the queue; past it the API refuses new work
 *     with {@code 503} and {@code Retry-After} instead of accepting more than the workers can write
 *     soon; 0 is unbounded
 * @param maxAttempts how often a failing command is tried before it becomes a dead letter
 * @param unmatchedGrace how long a tracking event waits for its shipment to be created
 * @param redis settings of the Redis Streams backend
 * @param rabbitmq settings of the RabbitMQ backend (the connection is Spring's {@code
 *     spring.rabbitmq.*})
 */
@ConfigurationProperties("rastro.ingest")
public record IngestProperties(
    @DefaultValue("embedded") Backend queue,
    @DefaultValue("2") int workers,
    @DefaultValue("200") int batchSize,
    @DefaultValue("20ms") Duration linger,
    @DefaultValue("0") int maxWriteRate,
    @DefaultValue("10000") int maxBacklog,
    @DefaultValue("5") int maxAttempts,
    @DefaultValue("7d") Duration unmatchedGrace,
    @DefaultValue Redis redis,
    @DefaultValue Rabbitmq rabbitmq) {

  /** The queue backends. */
  public enum Backend {
    EMBEDDED,
    RABBITMQ,
    REDIS
  }

  /**
   * The RabbitMQ backend's settings.
   *
   * @param queue the name of the quorum queue
   */
  public record Rabbitmq(@DefaultValue("rastro.ingest") String queue) {}

  /**
   * The Redis Streams backend's settings.
   *
   * @param stream the stream's key
   * @param claimIdle how long a command taken by a worker may stay unacknowledged before another
   *     worker takes it over; keep it longer than the slowest batch write
   */
  public record Redis(
      @DefaultValue("rastro:ingest") String stream, @DefaultValue("60s") Duration claimIdle) {}
}
