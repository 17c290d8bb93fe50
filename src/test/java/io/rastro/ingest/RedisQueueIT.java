package io.rastro.ingest;

import io.rastro.support.Services;
import org.junit.jupiter.api.BeforeAll;
import org.springframework.test.context.TestPropertySource;

@TestPropertySource(
    properties = {"rastro.ingest.queue=redis", "rastro.ingest.redis.stream=rastro:ingest:it"})
class RedisQueueIT extends QueueContract {

  @BeforeAll
  static void redis() {
    Services.assumeReachable("Redis", "127.0.0.1", 6379);
  }

  @Override
  String backend() {
    return "redis";
  }
}
