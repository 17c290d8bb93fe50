package io.rastro.bench;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class MetricsTest {

  private static final String EXPOSITION =
      """
      # HELP rastro_tracking_events_total Tracking events by what became of them
      # TYPE rastro_tracking_events_total counter
      rastro_tracking_events_total{application="rastro",outcome="accepted"} 10600.0
      rastro_tracking_events_total{application="rastro",outcome="duplicate"} 500.0
      rastro_tracking_events_total{application="rastro",outcome="unmatched"} 100.0
      rastro_tracking_events_total{application="rastro",outcome="written"} 10000.0
      rastro_projection_events_total{application="rastro"} 14000.0
      rastro_projection_apply_seconds_sum{application="rastro"} 1.25
      rastro_projection_apply_seconds_count{application="rastro"} 30.0
      """;

  @Test
  void writtenEventsAreTheRowsWrittenNotTheEventsAccepted() {
    var metrics = Metrics.parse(EXPOSITION);

    assertThat(metrics.writtenEvents()).isEqualTo(10_000);
    assertThat(metrics.projectionEvents()).isEqualTo(14_000);
    assertThat(metrics.projectionApplySeconds()).isEqualTo(1.25);
  }
}
