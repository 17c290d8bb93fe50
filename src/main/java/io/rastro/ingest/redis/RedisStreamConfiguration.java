package io.rastro.ingest.redis;

import io.rastro.ingest.IngestProperties;
import io.rastro.ingest.internal.BatchWriter;
import java.util.Properties;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.data.redis.core.RedisCallback;
import org.springframework.data.redis.core.StringRedisTemplate;

/** The Redis Streams backend, with {@code rastro.ingest.queue=redis}. */
@Configuration(proxyBeanMethods = false)
@ConditionalOnProperty(name = "rastro.ingest.queue", havingValue = "redis")
class RedisStreamConfiguration {

  private static final Logger log = LoggerFactory.getLogger(RedisStreamConfiguration.class);

  @Bean
  RedisStreamQueue redisStreamQueue(StringRedisTemplate redis, IngestProperties properties) {
    warnUnlessDurable(redis);
    return new RedisStreamQueue(redis, properties);
  }

  @Bean
  RedisStreamWorkers redisStreamWorkers(
      StringRedisTemplate redis, BatchWriter writer, IngestProperties properties) {
    return new RedisStreamWorkers(redis, writer, properties);
  }

  /** A 202 promises durability; say so loudly when this Redis cannot keep that promise. */
  static void warnUnlessDurable(StringRedisTemplate redis) {
    try {
      Properties config =
          redis.execute((RedisCallback<Properties>) c -> c.serverCommands().getConfig("append*"));
      var appendOnly = config == null ? null : config.getProperty("appendonly");
      var fsync = config == null ? null : config.getProperty("appendfsync");
      if (!"yes".equals(appendOnly)) {
        log.warn(
            "Redis has appendonly={}: queued commands are lost if Redis restarts. Run Redis with"
                + " 'appendonly yes' and 'appendfsync always' to make every 202 durable.",
            appendOnly);
      } else if (!"always".equals(fsync)) {
        log.warn(
            "Redis has appendfsync={}: up to a second of queued commands may be lost if Redis"
                + " crashes. 'appendfsync always' makes every 202 durable.",
            fsync);
      }
    } catch (RuntimeException e) {
      log.warn("Could not read Redis's persistence settings: {}", e.toString());
    }
  }
}
