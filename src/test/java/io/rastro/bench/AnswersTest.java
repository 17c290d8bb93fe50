package io.rastro.bench;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.json.JsonMapper;

class AnswersTest {

  @Test
  void flattensTheApisNestedColumnsWithDots() {
    var rows =
        JsonMapper.builder()
            .build()
            .readTree(
                """
                [{"group":"SEUR","shipments":3,"onTimeRate":null,
                  "transitHours":{"p50":26.5,"p90":40.0}}]""");

    assertThat(Answers.of(rows))
        .singleElement()
        .satisfies(
            row -> {
              assertThat(row).containsEntry("group", "SEUR").containsEntry("shipments", 3.0);
              assertThat(row).containsEntry("onTimeRate", null);
              assertThat(row).containsEntry("transitHours.p50", 26.5);
              assertThat(row).containsEntry("transitHours.p90", 40.0);
            });
  }

  @Test
  void findsTheSameFiguresInAnyOrderAndAnyNumberType() {
    var api = List.of(row("MRW", 2.0, 0.5), row("SEUR", 3.0, 1.0 / 3));
    var postgres =
        List.of(row("SEUR", 3L, new BigDecimal("0.33333333333333333")), row("MRW", 2L, 0.5));

    assertThat(Answers.difference(api, postgres)).isEmpty();
  }

  @Test
  void namesTheFirstFigureThatDiffers() {
    var api = List.of(row("SEUR", 3.0, 0.5));

    assertThat(Answers.difference(api, List.of(row("SEUR", 3L, 0.51))))
        .contains("onTimeRate of SEUR: 0.5 against 0.51");
    assertThat(Answers.difference(api, List.of(row("MRW", 3L, 0.5))))
        .contains("groups [SEUR] against [MRW]");
    assertThat(Answers.difference(api, List.of(row("SEUR", 3L, null))))
        .contains("onTimeRate of SEUR: 0.5 against null");
  }

  private static Map<String, @Nullable Object> row(
      String group, Number shipments, @Nullable Number rate) {
    var row = new java.util.LinkedHashMap<String, @Nullable Object>();
    row.put("group", group);
    row.put("shipments", shipments);
    row.put("onTimeRate", rate);
    return row;
  }

  @Test
  void aNullGroupIsAGroupLikeAnyOther() {
    var none = new HashMap<String, @Nullable Object>();
    none.put("group", null);
    none.put("shipments", 1L);

    assertThat(Answers.difference(List.of(none), List.of(Map.copyOf(Map.of("shipments", 1L)))))
        .isPresent();
    assertThat(Answers.difference(List.of(none), List.of(none))).isEmpty();
  }
}
