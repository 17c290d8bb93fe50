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

  @Test
  void everyPlanRepeatsItsPartsTheFullOneAtLeastThreeTimes() {
    assertThat(Harness.Plan.of("full").repetitions()).isGreaterThanOrEqualTo(3);
    assertThat(Harness.Plan.of("quick").repetitions()).isGreaterThanOrEqualTo(2);
    assertThat(Harness.Plan.of("full").withGrowth("growth=1").repetitions()).isEqualTo(3);
  }

  @Test
  void theRawLookupReadsTheRelationTheApiReads() {
    assertThat(Harness.DETAILS_RELATION).isEqualTo("shipment_projection_details");
  }

  @Test
  void writtenFiguresCountRowsWrittenNotEventsAccepted() {
    // 1,000 events accepted in 1 s and drained in another; the server wrote 940 of them (the
    // others were retries and events for unknown shipments), spending 0.47 s of CPU.
    var requests =
        new Driver.Result(
            1000, 1000, 0, 0, 1.0, 1, new org.HdrHistogram.Histogram(3), java.util.List.of());
    var run = new Harness.IngestRun(requests, 1.0, 940, 470_000);

    assertThat(run.writtenPerSecond()).isEqualTo(470.0);
    assertThat(run.cpuMicrosPerWrittenEvent()).isEqualTo(500.0);
  }

  @Test
  void aGrowthBurstIsChargedForTheRowsWrittenNotTheEventsSent() {
    // 10,000 events sent, 2 batches of 500 failed, 9,000 rows written; the projector applied
    // 12,000 outbox events (status changes among them) in 0.9 s.
    var burst =
        new Harness.Burst(2.0, 10_000, 2, new Metrics(0, 0, 0), new Metrics(9_000, 12_000, 0.9));

    assertThat(burst.writtenPerSecond()).isEqualTo(4_500.0);
    assertThat(burst.projectionMicrosPerWrittenEvent()).isEqualTo(100.0);
  }
}
