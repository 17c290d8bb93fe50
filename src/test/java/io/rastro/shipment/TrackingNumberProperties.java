package io.rastro.shipment;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.rastro.platform.InvalidRequestException;
import java.util.Random;
import net.jqwik.api.Assume;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;

class TrackingNumberProperties {

  /** What a person may type instead, less O, I and L, which are read as 0, 1 and 1. */
  private static final String TYPABLE = "0123456789ABCDEFGHJKMNPQRSTUVWXYZ";

  @Property
  void aGeneratedNumberReadsBackAsItself(@ForAll long seed) {
    var number = TrackingNumber.generate(new Random(seed));

    assertThat(TrackingNumber.parse(number.value().toLowerCase(), "t")).isEqualTo(number);
    assertThat(number.value()).matches("RS[0-9A-Y]{13}");
  }

  @Property
  void lettersThatLookLikeDigitsReadAsTheDigits(@ForAll long seed) {
    var number = TrackingNumber.generate(new Random(seed));
    var typed = number.value().replace('0', 'O').replace('1', 'l');

    assertThat(TrackingNumber.parse(typed, "t")).isEqualTo(number);
  }

  @Property
  void anySingleMistypedCharacterIsCaught(
      @ForAll long seed,
      @ForAll @IntRange(min = 2, max = 14) int position,
      @ForAll @IntRange(max = 32) int replacement) {
    var number = TrackingNumber.generate(new Random(seed)).value();
    var typo = TYPABLE.charAt(replacement);
    Assume.that(number.charAt(position) != typo);
    var mistyped = number.substring(0, position) + typo + number.substring(position + 1);

    assertThatThrownBy(() -> TrackingNumber.parse(mistyped, "t"))
        .isInstanceOf(InvalidRequestException.class);
  }

  @Property
  void anySwapOfTwoNeighboursIsCaught(
      @ForAll long seed, @ForAll @IntRange(min = 2, max = 13) int position) {
    var number = TrackingNumber.generate(new Random(seed)).value();
    Assume.that(number.charAt(position) != number.charAt(position + 1));
    var swapped =
        number.substring(0, position)
            + number.charAt(position + 1)
            + number.charAt(position)
            + number.substring(position + 2);

    assertThatThrownBy(() -> TrackingNumber.parse(swapped, "t"))
        .isInstanceOf(InvalidRequestException.class);
  }
}
