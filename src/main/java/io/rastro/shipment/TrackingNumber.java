package io.rastro.shipment;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;
import io.rastro.platform.InvalidRequestException;
import java.util.Locale;
import java.util.random.RandomGenerator;

/**
 * A shipment's public name: {@code RS}, twelve random characters (59 bits, so it cannot be guessed)
 * and a check character. The characters are Crockford's base-32 without {@code Z} (31 of them, a
 * prime), and the check makes the position-weighted sum of all characters 0 modulo 31, which
 * catches every single mistyped character and every swap of two neighbours. Read
 * case-insensitively, with {@code O} read as {@code 0} and {@code I}, {@code L} as {@code 1}.
 */
public record TrackingNumber(@JsonValue String value) {

  /** Read from JSON as the plain string it is written as. */
  @JsonCreator(mode = JsonCreator.Mode.DELEGATING)
  public TrackingNumber {}

  private static final String PREFIX = "RS";
  private static final String ALPHABET = "0123456789ABCDEFGHJKMNPQRSTVWXY";
  private static final int MODULUS = ALPHABET.length();
  private static final int BODY_LENGTH = 12;
  private static final int LENGTH = PREFIX.length() + BODY_LENGTH + 1;

  /** The inverse of the check character's weight ({@link #LENGTH}) modulo 31. */
  private static final int CHECK_WEIGHT_INVERSE = inverse(LENGTH);

  /** A new, random tracking number. */
  public static TrackingNumber generate(RandomGenerator random) {
    var body = new int[BODY_LENGTH];
    for (int i = 0; i < BODY_LENGTH; i++) {
      body[i] = random.nextInt(MODULUS);
    }
    return of(body);
  }

  /**
   * The tracking number a secret digest names, such as an HMAC of a customer's own reference: the
   * same digest always gives the same number.
   *
   * @param digest at least twelve bytes
   */
  public static TrackingNumber fromDigest(byte[] digest) {
    var body = new int[BODY_LENGTH];
    for (int i = 0; i < BODY_LENGTH; i++) {
      body[i] = Byte.toUnsignedInt(digest[i]) % MODULUS;
    }
    return of(body);
  }

  private static TrackingNumber of(int[] body) {
    var number = new StringBuilder(LENGTH).append(PREFIX);
    for (int value : body) {
      number.append(ALPHABET.charAt(value));
    }
    int check = Math.floorMod(-weightedSum(number) * CHECK_WEIGHT_INVERSE, MODULUS);
    return new TrackingNumber(number.append(ALPHABET.charAt(check)).toString());
  }

  /**
   * Reads a tracking number as a person or carrier typed it.
   *
   * @throws InvalidRequestException naming {@code field} when it is malformed or its check
   *     character does not match (a mistyped number)
   */
  public static TrackingNumber parse(String text, String field) {
    var value =
        text.strip().toUpperCase(Locale.ROOT).replace('O', '0').replace('I', '1').replace('L', '1');
    if (value.length() != LENGTH
        || !value.startsWith(PREFIX)
        || !value.chars().allMatch(c -> ALPHABET.indexOf(c) >= 0)) {
      throw new InvalidRequestException(
          field,
          "'%s' is not a Rastro tracking number (RS and 13 letters or digits)".formatted(text));
    }
    if (weightedSum(value) % MODULUS != 0) {
      throw new InvalidRequestException(
          field, "'%s' has a wrong check character: a character is mistyped".formatted(text));
    }
    return new TrackingNumber(value);
  }

  /** The sum of each character's value times its position, counted from 1. */
  private static int weightedSum(CharSequence text) {
    int sum = 0;
    for (int i = 0; i < text.length(); i++) {
      sum += (i + 1) * ALPHABET.indexOf(text.charAt(i));
    }
    return sum;
  }

  private static int inverse(int weight) {
    for (int candidate = 1; candidate < MODULUS; candidate++) {
      if (weight * candidate % MODULUS == 1) {
        return candidate;
      }
    }
    throw new IllegalStateException("31 is prime, so every weight below it has an inverse");
  }

  @Override
  public String toString() {
    return value;
  }
}
