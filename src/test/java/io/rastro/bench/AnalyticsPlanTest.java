package io.rastro.bench;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

class AnalyticsPlanTest {

  @Test
  void quickLoadsAMillionEventsAndAsksEnoughForAP90() {
    var plan = AnalyticsPlan.of(List.of("quick"));

    assertThat(plan.sizes()).containsExactly(1_000_000L);
    assertThat(Percentiles.enough(plan.repetitions(), 90)).isTrue();
    assertThat(plan.clickHouseBatchInterval()).isEqualTo(Duration.ofSeconds(1));
  }

  @Test
  void fullLoadsOneAndTenMillionAndAsksEnoughForAP99() {
    var plan = AnalyticsPlan.of(List.of("full"));

    assertThat(plan.sizes()).containsExactly(1_000_000L, 10_000_000L);
    assertThat(Percentiles.enough(plan.repetitions(), 99)).isTrue();
    assertThat(Percentiles.enough(plan.baselineRepetitions(), 90)).isTrue();
  }

  @Test
  void optionsChangeOnePartEach() {
    var plan =
        AnalyticsPlan.of(
            List.of("full", "sizes=200000,50000", "reps=7", "clickhouse-batch-interval=PT0.2S"));

    assertThat(plan.name()).isEqualTo("full");
    assertThat(plan.sizes()).containsExactly(50_000L, 200_000L);
    assertThat(plan.repetitions()).isEqualTo(7);
    assertThat(plan.baselineRepetitions()).isEqualTo(29);
    assertThat(plan.clickHouseBatchInterval()).isEqualTo(Duration.ofMillis(200));
    assertThatThrownBy(() -> AnalyticsPlan.of(List.of("quick", "size=1")))
        .hasMessageContaining("size=1");
  }
}
