package io.rastro.platform;

import java.time.Clock;
import java.time.Duration;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.scheduling.annotation.EnableScheduling;

/** Beans every module shares. */
@Configuration(proxyBeanMethods = false)
@EnableScheduling
class PlatformConfiguration {

  /**
   * Rastro's one source of time, in UTC, ticking in microseconds as PostgreSQL stores them, so that
   * an instant reads back as it was written.
   */
  @Bean
  Clock clock() {
    return Clock.tick(Clock.systemUTC(), Duration.ofNanos(1_000));
  }
}
