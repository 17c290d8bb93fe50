package io.rastro.platform;

import java.time.Clock;
import java.time.Duration;
import org.springframework.beans.factory.config.BeanFactoryPostProcessor;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.scheduling.annotation.EnableScheduling;
import tools.jackson.core.StreamReadConstraints;

/** Beans every module shares. */
@Configuration(proxyBeanMethods = false)
@EnableScheduling
class PlatformConfiguration {

  /**
   * Limits on what a JSON body may hold, set before any mapper is made: nesting (a deeply nested
   * body costs stack, and no Rastro request nests more than a few levels), string and number
   * length. Past a limit the request is a {@code 400} naming the limit.
   */
  @Bean
  static BeanFactoryPostProcessor jsonInputLimits() {
    return beanFactory ->
        StreamReadConstraints.overrideDefaultStreamReadConstraints(
            StreamReadConstraints.builder()
                .maxNestingDepth(MAX_JSON_NESTING)
                .maxStringLength(1_000_000)
                .maxNumberLength(100)
                .build());
  }

  /** How deep a JSON body may nest. */
  static final int MAX_JSON_NESTING = 32;

  /**
   * Rastro's one source of time, in UTC, ticking in microseconds as PostgreSQL stores them, so that
   * an instant reads back as it was written.
   */
  @Bean
  Clock clock() {
    return Clock.tick(Clock.systemUTC(), Duration.ofNanos(1_000));
  }
}
