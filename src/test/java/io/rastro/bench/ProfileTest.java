package io.rastro.bench;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.time.Duration;
import jdk.jfr.Recording;
import org.junit.jupiter.api.Test;

class ProfileTest {

  private static volatile long sink;

  @Test
  void findsTheMethodThatBurnsTheCpuAndChargesItToItsProcess() throws Exception {
    var file = Files.createTempFile("profile", ".jfr");
    var self = ProcessHandle.current().pid();
    var before = Profile.cpuTicks();
    var started = System.nanoTime();
    try (var recording = new Recording()) {
      recording.enable("jdk.ExecutionSample").withPeriod(Duration.ofMillis(10));
      recording.start();
      burn(Duration.ofSeconds(1));
      recording.stop();
      recording.dump(file);
    }
    var cpu =
        Profile.cpuShares(
            before, Profile.cpuTicks(), self, -1, (System.nanoTime() - started) / 1e9);
    var samples = Profile.Samples.of(file);

    assertThat(samples.top(Profile::running, 3).getFirst().what()).isEqualTo("ProfileTest.burn");
    assertThat(samples.topRastro(3))
        .anySatisfy(
            s -> {
              assertThat(s.what()).isEqualTo("ProfileTest.burn");
              assertThat(s.percent()).isGreaterThan(50);
            });
    assertThat(samples.top(Profile::library, 3).getFirst().what()).isEqualTo("Rastro");
    // One thread kept busy for a second: about one core of the machine's, charged to this process.
    var share = cpu.stream().filter(s -> s.what().equals("Rastro (JVM)")).findFirst().orElseThrow();
    assertThat(share.percent())
        .isGreaterThan(80.0 / Runtime.getRuntime().availableProcessors() - 30)
        .isLessThanOrEqualTo(100);
    assertThat(cpu.stream().mapToDouble(Profile.Share::percent).sum()).isGreaterThanOrEqualTo(99);
  }

  private static void burn(Duration duration) {
    var until = System.nanoTime() + duration.toNanos();
    long x = 1;
    while (System.nanoTime() < until) {
      for (int i = 0; i < 10_000; i++) {
        x = x * 6364136223846793005L + 1442695040888963407L;
      }
    }
    sink = x;
  }
}
