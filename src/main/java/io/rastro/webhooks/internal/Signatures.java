package io.rastro.webhooks.internal;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.List;
import java.util.stream.Collectors;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * Secrets and signatures as the Standard Webhooks specification defines them: a secret is {@code
 * whsec_} and 24 random bytes in base64; a signature is {@code v1,} and the base64 HMAC-SHA256, by
 * the secret's bytes, of {@code id.timestamp.body}; several are separated by spaces.
 */
public final class Signatures {

  static final String PREFIX = "whsec_";
  private static final SecureRandom RANDOM = new SecureRandom();
  private static final String ALGORITHM = "HmacSHA256";

  /** Cloned for each signature: looking the algorithm up among the providers costs more. */
  private static final Mac PROTOTYPE = newMac();

  private Signatures() {}

  /** A new secret. */
  public static String newSecret() {
    var bytes = new byte[24];
    RANDOM.nextBytes(bytes);
    return PREFIX + Base64.getEncoder().encodeToString(bytes);
  }

  /** The {@code webhook-signature} header: one signature per secret. */
  static String header(List<String> secrets, String id, long timestamp, String body) {
    var signed = (id + "." + timestamp + ".").getBytes(StandardCharsets.UTF_8);
    var content = body.getBytes(StandardCharsets.UTF_8);
    return secrets.stream()
        .map(secret -> "v1," + sign(secret, signed, content))
        .collect(Collectors.joining(" "));
  }

  private static String sign(String secret, byte[] signed, byte[] content) {
    try {
      var key = Base64.getDecoder().decode(secret.substring(PREFIX.length()));
      var mac = (Mac) PROTOTYPE.clone();
      mac.init(new SecretKeySpec(key, ALGORITHM));
      mac.update(signed);
      return Base64.getEncoder().encodeToString(mac.doFinal(content));
    } catch (GeneralSecurityException | CloneNotSupportedException e) {
      throw new IllegalStateException(ALGORITHM + " is missing from this JDK", e);
    }
  }

  private static Mac newMac() {
    try {
      return Mac.getInstance(ALGORITHM);
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException(ALGORITHM + " is missing from this JDK", e);
    }
  }
}
