package io.rastro.bench;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class HarnessTest {

  @Test
  void growthSizesAreGivenInYearsOfTheSeedsVolume() {
    var plan = Harness.Plan.of("full").withGrowth("growth=10, 1,100");

    assertThat(plan.growthShares()).containsExactly(1.0, 10.0, 100.0);
    assertThat(plan.ingest()).isEqualTo(Harness.Plan.of("full").ingest());
    assertThat(Harness.ofAYear(0.1)).isEqualTo("10 % of a year");
    assertThat(Harness.ofAYear(0.0025)).isEqualTo("0.25 % of a year");
    assertThat(Harness.ofAYear(10)).isEqualTo("10× a year");
  }

  @Test
  void aGrowthSizeOfNothingIsRefused() {
    assertThatThrownBy(() -> Harness.Plan.of("quick").withGrowth("growth=0"))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> Harness.Plan.of("quick").withGrowth("growth=many"))
        .isInstanceOf(IllegalArgumentException.class);
  }
}
