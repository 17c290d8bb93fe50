package io.rastro.shipment.internal;

import io.rastro.shipment.TrackingNumber;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.UUID;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.jspecify.annotations.Nullable;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * Issues tracking numbers before a shipment is written, so that the API can answer at once. A
 * shipment with a sender's reference gets a number derived from the customer and the reference with
 * a secret key (HMAC-SHA256): a repeated create, even one still on the queue, gets the same number
 * and is written once. The key is made at first start and kept in the database, so that every
 * instance shares it.
 */
@Component
public class TrackingNumberIssuer {

  private static final String KEY_SETTING = "tracking-number-key";

  private final SecureRandom random = new SecureRandom();
  private final SecretKeySpec key;

  TrackingNumberIssuer(JdbcClient jdbc) {
    var candidate = new byte[32];
    random.nextBytes(candidate);
    jdbc.sql("insert into rastro_settings (name, value) values (?, ?) on conflict do nothing")
        .params(KEY_SETTING, Base64.getEncoder().encodeToString(candidate))
        .update();
    var stored =
        jdbc.sql("select value from rastro_settings where name = ?")
            .param(KEY_SETTING)
            .query(String.class)
            .single();
    this.key = new SecretKeySpec(Base64.getDecoder().decode(stored), "HmacSHA256");
  }

  /** The number of a customer's shipment: derived from its reference, or random without one. */
  public TrackingNumber issue(UUID customerId, @Nullable String reference) {
    if (reference == null) {
      return TrackingNumber.generate(random);
    }
    try {
      var mac = Mac.getInstance("HmacSHA256");
      mac.init(key);
      mac.update(customerId.toString().getBytes(StandardCharsets.UTF_8));
      mac.update((byte) 0);
      return TrackingNumber.fromDigest(mac.doFinal(reference.getBytes(StandardCharsets.UTF_8)));
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("Every JDK has HmacSHA256", e);
    }
  }
}
