package io.rastro.webhooks.internal;

import io.rastro.platform.InvalidRequestException;
import java.net.InetAddress;
import java.net.URI;
import java.net.UnknownHostException;
import java.util.Locale;

/**
 * Where a webhook may be sent: an {@code https} URL whose host resolves only to public addresses,
 * never to loopback, private, link-local (where cloud metadata services answer), unique-local,
 * multicast or unspecified ones. Checked when an endpoint is registered and again before every
 * attempt, since a name may resolve elsewhere later.
 */
public final class Targets {

  private Targets() {}

  /**
   * The URL as sent, when it may be.
   *
   * @throws InvalidRequestException naming {@code url} when it may not
   */
  public static URI check(String url, boolean allowPrivate) {
    URI uri;
    try {
      uri = URI.create(url.strip());
    } catch (IllegalArgumentException e) {
      throw refused("is not a URL");
    }
    var scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
    if (!scheme.equals("https") && !(allowPrivate && scheme.equals("http"))) {
      throw refused("must be an https URL");
    }
    if (uri.getHost() == null || uri.getRawUserInfo() != null || uri.getRawFragment() != null) {
      throw refused("must name a host, with no user information nor fragment");
    }
    if (!allowPrivate) {
      try {
        for (var address : InetAddress.getAllByName(uri.getHost())) {
          if (!isPublic(address)) {
            throw refused(
                "resolves to %s, a loopback, private, link-local or otherwise non-public address"
                    .formatted(address.getHostAddress()));
          }
        }
      } catch (UnknownHostException e) {
        throw refused("names a host that does not resolve: " + uri.getHost());
      }
    }
    return uri;
  }

  static boolean isPublic(InetAddress address) {
    if (address.isLoopbackAddress()
        || address.isSiteLocalAddress()
        || address.isLinkLocalAddress()
        || address.isAnyLocalAddress()
        || address.isMulticastAddress()) {
      return false;
    }
    var bytes = address.getAddress();
    if (bytes.length == 16) {
      var uniqueLocal = (bytes[0] & 0xfe) == 0xfc; // fc00::/7
      return !uniqueLocal;
    }
    var first = bytes[0] & 0xff;
    var second = bytes[1] & 0xff;
    var carrierGrade = first == 100 && second >= 64 && second <= 127; // 100.64.0.0/10
    var thisNetwork = first == 0;
    return !carrierGrade && !thisNetwork;
  }

  private static InvalidRequestException refused(String detail) {
    return new InvalidRequestException("url", detail);
  }
}
