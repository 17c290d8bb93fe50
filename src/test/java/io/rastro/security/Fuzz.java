package io.rastro.security;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.Tuple;
import tools.jackson.databind.json.JsonMapper;

/** Generators of hostile input for {@link FuzzIT}. */
final class Fuzz {

  private static final JsonMapper JSON = JsonMapper.builder().build();

  private Fuzz() {}

  static String encode(String text) {
    return URLEncoder.encode(text, StandardCharsets.UTF_8);
  }

  /**
   * The text with every character a URI may not hold as it is percent-encoded, and the rest kept:
   * hostile, but a request the HTTP client can send.
   */
  static String sendable(String text) {
    var out = new StringBuilder();
    text.codePoints()
        .forEach(
            c -> {
              if (c > 0x20 && c < 0x7f && "\"%<>\\^`{|}[]".indexOf(c) < 0) {
                out.appendCodePoint(c);
              } else {
                for (var b : Character.toString(c).getBytes(StandardCharsets.UTF_8)) {
                  out.append('%').append(HEX.formatHex(new byte[] {b}));
                }
              }
            });
    return out.toString();
  }

  private static final HexFormat HEX = HexFormat.of().withUpperCase();

  static String write(Object value) {
    return JSON.writeValueAsString(value);
  }

  /** Any JSON value, nested up to {@code depth}. */
  static Arbitrary<Object> json(int depth) {
    Arbitrary<Object> leaf =
        Arbitraries.oneOf(
            Arbitraries.strings().ofMaxLength(30).map(s -> (Object) s),
            Arbitraries.integers().map(i -> (Object) i),
            Arbitraries.doubles().map(d -> (Object) d),
            Arbitraries.of(true, false).map(b -> (Object) b),
            Arbitraries.just(null));
    if (depth == 0) {
      return leaf;
    }
    var inner = json(depth - 1);
    return Arbitraries.frequencyOf(
        Tuple.of(3, leaf),
        Tuple.of(1, inner.list().ofMaxSize(4).map(l -> (Object) l)),
        Tuple.of(
            2,
            Arbitraries.maps(Arbitraries.of(FIELDS).injectNull(0.0), inner)
                .ofMaxSize(6)
                .map(m -> (Object) m)));
  }

  /** Names of fields Rastro reads, so that random objects reach its checks. */
  private static final List<String> FIELDS =
      List.of(
          "name",
          "email",
          "phone",
          "code",
          "customerId",
          "carrierCode",
          "reference",
          "origin",
          "destination",
          "line1",
          "city",
          "country",
          "lat",
          "lon",
          "weightKg",
          "eventId",
          "status",
          "occurredAt",
          "location",
          "trackingNumber",
          "role",
          "description",
          "reason",
          "service",
          "promisedDeliveryDate",
          "postalCode");

  /** Bodies close to valid ones, with one field bent. */
  static Arbitrary<Object> plausible(String customerId, String trackingNumber) {
    var bent =
        Arbitraries.of(
            (Object) "",
            "x".repeat(10_000),
            -1,
            1e308,
            "2026-02-30T25:61:00Z",
            "9999-12-31T23:59:59Z",
            "0000-01-01T00:00:00Z",
            List.of(),
            Map.of(),
            "DELIVERED",
            "ZZ",
            91.0,
            -181.0,
            "' or 1=1 --",
            "<script>alert(1)</script>");
    var fields = Arbitraries.of(FIELDS);
    return Combinators.combine(fields, bent, Arbitraries.of(0, 1, 2))
        .as(
            (field, value, kind) -> {
              var body = new LinkedHashMap<String, Object>();
              switch (kind) {
                case 0 -> {
                  body.put("customerId", customerId);
                  body.put("origin", Map.of("line1", "a", "city", "b", "country", "ES"));
                  body.put("destination", Map.of("line1", "a", "city", "b", "country", "PE"));
                }
                case 1 -> {
                  body.put("trackingNumber", trackingNumber);
                  body.put("status", "PICKED_UP");
                  body.put("occurredAt", "2026-11-27T09:00:00Z");
                }
                default -> {
                  body.put("name", "n");
                  body.put("email", "e@example.es");
                  body.put("code", "CODE");
                }
              }
              body.put(field, value);
              return body;
            });
  }
}
