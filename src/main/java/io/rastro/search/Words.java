package io.rastro.search;

import java.text.Normalizer;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Pattern;
import org.jspecify.annotations.Nullable;

/**
 * How text becomes words, for the documents and for the queries alike, whatever the engine: lower
 * case, accents removed ({@code Pérez} is {@code perez}), split on anything but letters and digits.
 * Done here, once, so that both engines see the same words and no analyzer of theirs decides.
 */
public final class Words {

  private static final Pattern MARKS = Pattern.compile("\\p{M}+");
  private static final Pattern SEPARATORS = Pattern.compile("[^\\p{L}\\p{N}]+");

  private Words() {}

  /** The text folded: lower case, no accents, letters and digits apart from single spaces. */
  public static String fold(@Nullable String text) {
    if (text == null) {
      return "";
    }
    var decomposed = Normalizer.normalize(text, Normalizer.Form.NFKD);
    var plain = MARKS.matcher(decomposed).replaceAll("").toLowerCase(Locale.ROOT);
    return SEPARATORS.matcher(plain).replaceAll(" ").strip();
  }

  /** The distinct words of these texts, in order of first appearance. */
  public static List<String> of(@Nullable String... texts) {
    var words = new LinkedHashSet<String>();
    for (var text : texts) {
      addTo(words, text);
    }
    return List.copyOf(words);
  }

  /**
   * The words of a code a caller may type whole or in parts, such as a tracking number or an order
   * reference: its parts, and all of it run together ({@code PO-2026-0042} is {@code po}, {@code
   * 2026}, {@code 0042} and {@code po20260042}), so that a prefix of either finds it.
   */
  public static List<String> ofCode(@Nullable String code) {
    var words = new LinkedHashSet<String>();
    addTo(words, code);
    var whole = fold(code).replace(" ", "");
    if (!whole.isEmpty()) {
      words.add(whole);
    }
    return List.copyOf(words);
  }

  private static void addTo(Set<String> words, @Nullable String text) {
    var folded = fold(text);
    if (!folded.isEmpty()) {
      words.addAll(List.of(folded.split(" ")));
    }
  }
}
