package io.rastro.bench;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import org.junit.jupiter.api.Test;

class SimulatorTest {

  @Test
  void scaleOneIsTheSeedsHundredThousandEventsADay() throws Exception {
    var options = Simulator.Options.parse(new String[] {"--scale", "1", "--key", "k"});

    assertThat(options.eventsPerSecond() * 86_400).isCloseTo(100_000, within(0.001));
  }

  @Test
  void aDayOfPeaksAveragesTheTargetRateAndPeaksByDay() throws Exception {
    var options =
        Simulator.Options.parse(
            new String[] {
              "--events-per-second", "1000", "--peaks", "--key", "k", "--minutes", "2"
            });

    var schedule = Simulator.schedule(options);

    assertThat(schedule).hasSize(24);
    assertThat(schedule.stream().mapToDouble(Double::doubleValue).average().orElseThrow())
        .isCloseTo(1000, within(0.001));
    assertThat(schedule.get(10)).isGreaterThan(schedule.get(3) * 5);
    assertThat(options.duration().toSeconds()).isEqualTo(120);
  }
}
