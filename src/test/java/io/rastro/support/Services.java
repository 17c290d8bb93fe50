package io.rastro.support;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import org.junit.jupiter.api.Assumptions;

/** The machine's services that some tests need: skipped where absent, required in CI. */
public final class Services {

  private Services() {}

  public static void assumeReachable(String service, String host, int port) {
    try (var socket = new Socket()) {
      socket.connect(new InetSocketAddress(host, port), 2000);
    } catch (IOException e) {
      if (System.getenv("CI") != null) {
        throw new IllegalStateException(
            "CI runs this test against " + service + " at " + host + ":" + port, e);
      }
      Assumptions.abort(
          "Skipped: no %s at %s:%d on this machine (%s)"
              .formatted(service, host, port, e.getMessage()));
    }
  }
}
