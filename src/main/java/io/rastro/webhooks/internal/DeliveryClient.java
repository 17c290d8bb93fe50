package io.rastro.webhooks.internal;

import io.rastro.webhooks.WebhookProperties;
import java.io.IOException;
import java.io.InterruptedIOException;
import java.net.ConnectException;
import java.net.InetAddress;
import java.net.NoRouteToHostException;
import java.net.SocketTimeoutException;
import java.net.URI;
import java.net.UnknownHostException;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import javax.net.ssl.SSLException;
import org.apache.hc.client5.http.DnsResolver;
import org.apache.hc.client5.http.SystemDefaultDnsResolver;
import org.apache.hc.client5.http.classic.methods.HttpPost;
import org.apache.hc.client5.http.config.ConnectionConfig;
import org.apache.hc.client5.http.config.RequestConfig;
import org.apache.hc.client5.http.impl.DefaultHttpRequestRetryStrategy;
import org.apache.hc.client5.http.impl.classic.CloseableHttpClient;
import org.apache.hc.client5.http.impl.classic.HttpClients;
import org.apache.hc.client5.http.impl.io.PoolingHttpClientConnectionManagerBuilder;
import org.apache.hc.core5.http.ConnectionClosedException;
import org.apache.hc.core5.http.ContentType;
import org.apache.hc.core5.http.HttpRequest;
import org.apache.hc.core5.http.io.entity.StringEntity;
import org.apache.hc.core5.util.TimeValue;
import org.apache.hc.core5.util.Timeout;
import org.jspecify.annotations.Nullable;

/**
 * Posts deliveries over HTTP/1.1 with Apache HttpClient 5, connections kept open and shared by
 * every endpoint of a host. It follows no redirect, retries nothing itself (the delivery schedule
 * does), keeps no cookie, and gives up on an answer after {@code rastro.webhooks.timeout} in all.
 * Every connection it opens checks the addresses it is about to connect to with {@link Targets}, so
 * a name that resolved to a public address when the attempt was checked and to a private one a
 * moment later is refused all the same. The answer's body is read (within the timeout) and dropped,
 * so that the connection can serve the next delivery.
 */
final class DeliveryClient implements AutoCloseable {

  /** The most connections open at once, to every endpoint together; lanes bound each endpoint. */
  private static final int CONNECTIONS = 1000;

  /**
   * How long a connection is kept unused: below the shortest keep-alive common servers grant (5 s
   * in Node.js), so that a delivery seldom finds its connection closed by the other side.
   */
  private static final TimeValue IDLE = TimeValue.ofSeconds(4);

  /** A connection unused this long is checked before it carries a delivery. */
  private static final TimeValue STALE_CHECK_AFTER = TimeValue.ofSeconds(1);

  private final CloseableHttpClient http;
  private final Duration timeout;
  private final ScheduledThreadPoolExecutor deadlines =
      new ScheduledThreadPoolExecutor(
          1, Thread.ofPlatform().daemon().name("webhook-deadlines").factory());

  /** An endpoint's answer: its status and the delay it asked for, if any. */
  record Answer(int status, @Nullable String retryAfter) {}

  DeliveryClient(WebhookProperties properties) {
    this.timeout = properties.timeout();
    deadlines.setRemoveOnCancelPolicy(true);
    var limit = Timeout.of(timeout);
    var connections =
        PoolingHttpClientConnectionManagerBuilder.create()
            .setDnsResolver(new CheckedResolver(properties.allowPrivateTargets()))
            .setMaxConnTotal(CONNECTIONS)
            .setMaxConnPerRoute(CONNECTIONS)
            .setDefaultConnectionConfig(
                ConnectionConfig.custom()
                    .setConnectTimeout(limit)
                    .setSocketTimeout(limit)
                    .setValidateAfterInactivity(STALE_CHECK_AFTER)
                    .build())
            .build();
    this.http =
        HttpClients.custom()
            .setConnectionManager(connections)
            .setDefaultRequestConfig(
                RequestConfig.custom()
                    .setConnectionRequestTimeout(limit)
                    .setResponseTimeout(limit)
                    .setRedirectsEnabled(false)
                    .build())
            .disableRedirectHandling()
            .setRetryStrategy(new OnceWhenUnanswered())
            .disableCookieManagement()
            .disableAuthCaching()
            .disableContentCompression()
            .setUserAgent("Rastro-Webhooks/1")
            .evictIdleConnections(IDLE)
            .build();
  }

  /**
   * Posts {@code body} with {@code headers}; aborted once the timeout has passed since it began.
   *
   * @throws IOException when no answer came, the timeout included
   */
  Answer post(URI target, Map<String, String> headers, String body) throws IOException {
    var request = new HttpPost(target);
    headers.forEach(request::setHeader);
    request.setEntity(new StringEntity(body, ContentType.create("application/cloudevents+json")));
    var late = new AtomicBoolean();
    ScheduledFuture<?> deadline;
    try {
      deadline =
          deadlines.schedule(
              () -> {
                late.set(true);
                request.cancel();
              },
              timeout.toMillis(),
              TimeUnit.MILLISECONDS);
    } catch (RejectedExecutionException e) {
      throw new IOException("the webhook client is closed", e);
    }
    try {
      return http.execute(
          request,
          response -> {
            var retryAfter = response.getFirstHeader("Retry-After");
            return new Answer(
                response.getCode(), retryAfter == null ? null : retryAfter.getValue());
          });
    } catch (IOException e) {
      // the deadline, or a read that waited as long: the same for the delivery
      if (late.get() || e instanceof SocketTimeoutException) {
        var unanswered = new SocketTimeoutException("no answer within " + timeout);
        unanswered.initCause(e);
        throw unanswered;
      }
      throw e;
    } finally {
      deadline.cancel(false);
    }
  }

  @Override
  public void close() throws IOException {
    deadlines.shutdownNow();
    http.close();
  }

  /**
   * Sends a delivery once more, at once, when its request got no answer, most often because the
   * other side closed a kept connection meanwhile: a delivery may arrive twice, as at-least-once
   * allows, with the same {@code webhook-id}. Nothing else is retried here: not a refused or
   * timed-out connection, not an answer, whatever its status; the delivery schedule does that.
   */
  private static final class OnceWhenUnanswered extends DefaultHttpRequestRetryStrategy {

    OnceWhenUnanswered() {
      super(
          1,
          TimeValue.ZERO_MILLISECONDS,
          List.of(
              InterruptedIOException.class,
              UnknownHostException.class,
              ConnectException.class,
              ConnectionClosedException.class,
              NoRouteToHostException.class,
              SSLException.class),
          List.of());
    }

    @Override
    protected boolean handleAsIdempotent(HttpRequest request) {
      return true;
    }
  }

  /** Resolves as the system does, and refuses a name that resolves to a non-public address. */
  private record CheckedResolver(boolean allowPrivate) implements DnsResolver {

    @Override
    public InetAddress[] resolve(String host) throws UnknownHostException {
      var addresses = SystemDefaultDnsResolver.INSTANCE.resolve(host);
      if (!allowPrivate) {
        for (var address : addresses) {
          if (!Targets.isPublic(address)) {
            throw new UnknownHostException(
                host + " now resolves to " + address.getHostAddress() + ", not a public address");
          }
        }
      }
      return addresses;
    }

    @Override
    public String resolveCanonicalHostname(String host) throws UnknownHostException {
      return SystemDefaultDnsResolver.INSTANCE.resolveCanonicalHostname(host);
    }
  }
}
