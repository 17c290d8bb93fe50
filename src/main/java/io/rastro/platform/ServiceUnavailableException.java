package io.rastro.platform;

import java.time.Duration;
import org.jspecify.annotations.Nullable;

/**
 * Something Rastro needs to keep a promise is down, so it refuses the request rather than accept
 * what it might lose; answered {@code 503} with {@code Retry-After}.
 */
public class ServiceUnavailableException extends RuntimeException {

  private final Duration retryAfter;

  public ServiceUnavailableException(
      String detail, Duration retryAfter, @Nullable Throwable cause) {
    super(detail, cause);
    this.retryAfter = retryAfter;
  }

  public Duration retryAfter() {
    return retryAfter;
  }
}
