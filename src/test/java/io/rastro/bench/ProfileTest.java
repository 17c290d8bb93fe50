package io.rastro.bench;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import com.sun.management.OperatingSystemMXBean;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.time.Duration;
import java.util.Map;
import jdk.jfr.Recording;
import org.junit.jupiter.api.Test;

class ProfileTest {

  private static volatile long sink;

  @Test
  void findsTheMethodThatBurnsTheCpuAndChargesItToItsProcess() throws Exception {
    var file = Files.createTempFile("profile", ".jfr");
    var self = ProcessHandle.current().pid();
    var process = (OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean();
    var thread = ManagementFactory.getThreadMXBean();
    var processCpuBefore = process.getProcessCpuTime();
    var before = Profile.cpuTicks();
    var started = System.nanoTime();
    long burnt;
    try (var recording = new Recording()) {
      recording.enable("jdk.ExecutionSample").withPeriod(Duration.ofMillis(10));
      recording.start();
      var threadCpuBefore = thread.getCurrentThreadCpuTime();
      burn(Duration.ofSeconds(1));
      burnt = thread.getCurrentThreadCpuTime() - threadCpuBefore;
      recording.stop();
      recording.dump(file);
    }
    var seconds = (System.nanoTime() - started) / 1e9;
    var cpu = Profile.cpuShares(before, Profile.cpuTicks(), self, -1, seconds);
    var processCpu = process.getProcessCpuTime() - processCpuBefore;
    var samples = Profile.Samples.of(file);

    assertThat(samples.top(Profile::running, 3).getFirst().what()).isEqualTo("ProfileTest.burn");
    assertThat(samples.topRastro(3))
        .anySatisfy(
            s -> {
              assertThat(s.what()).isEqualTo("ProfileTest.burn");
              assertThat(s.percent()).isGreaterThan(50);
            });
    assertThat(samples.top(Profile::library, 3).getFirst().what()).isEqualTo("Rastro");
    // This JVM is charged at least what the burning thread spent and at most what the JVM spent
    // in all, give or take the kernel's accounting in ticks of 10 ms.
    var share = cpu.stream().filter(s -> s.what().equals("Rastro (JVM)")).findFirst().orElseThrow();
    assertThat(share.percent())
        .isBetween(
            percentOfMachine(burnt, seconds) - percentOfMachine(THREE_TICKS, seconds),
            percentOfMachine(processCpu, seconds) + percentOfMachine(THREE_TICKS, seconds));
  }

  @Test
  void chargesEachKindOfProcessItsShareOfAllCoresAndCallsTheRestIdle() {
    var cores = Runtime.getRuntime().availableProcessors();
    var before =
        Map.of(
            1L, new Profile.CpuTicks("java", 1_000),
            2L, new Profile.CpuTicks("postgres", 500),
            3L, new Profile.CpuTicks("java", 7),
            4L, new Profile.CpuTicks("bash", 3));
    // Over 2 s the machine offers 200 ticks a core: these spend 50 %, 10 %, 5 % and 10 % of it,
    // the last 5 % by a process started in between.
    var after =
        Map.of(
            1L, new Profile.CpuTicks("java", 1_000 + 100 * cores),
            2L, new Profile.CpuTicks("postgres", 500 + 10 * cores),
            5L, new Profile.CpuTicks("postgres", 10 * cores),
            3L, new Profile.CpuTicks("java", 7 + 10 * cores),
            4L, new Profile.CpuTicks("bash", 3 + 20 * cores));

    var shares = Profile.cpuShares(before, after, 1, 3, 2.0);

    assertThat(shares)
        .extracting(Profile.Share::what, s -> Math.round(s.percent() * 1000) / 1000.0)
        .containsExactly(
            tuple("Rastro (JVM)", 50.0),
            tuple("PostgreSQL", 10.0),
            tuple("load generator (harness JVM)", 5.0),
            tuple("everything else", 10.0),
            tuple("idle", 25.0));
  }

  @Test
  void cpuPerEventCountsRastroAndItsOwnPostgresOnly() {
    // Rastro is 10; its postmaster 20 has backends 21 and 22 (22 new); 30 is another
    // PostgreSQL on the machine, 40 the load generator.
    var before =
        Map.of(
            10L, new Profile.CpuTicks("java", 1_000, 1),
            20L, new Profile.CpuTicks("postgres", 50, 1),
            21L, new Profile.CpuTicks("postgres", 100, 20),
            30L, new Profile.CpuTicks("postgres", 0, 1),
            40L, new Profile.CpuTicks("java", 0, 1));
    var after =
        Map.of(
            10L, new Profile.CpuTicks("java", 1_300, 1),
            20L, new Profile.CpuTicks("postgres", 51, 1),
            21L, new Profile.CpuTicks("postgres", 150, 20),
            22L, new Profile.CpuTicks("postgres", 49, 20),
            30L, new Profile.CpuTicks("postgres", 500, 1),
            40L, new Profile.CpuTicks("java", 900, 1));

    var pids = new java.util.HashSet<>(Profile.family(after, 20));
    pids.add(10L);

    assertThat(pids).containsExactlyInAnyOrder(10L, 20L, 21L, 22L);
    // 300 + 1 + 50 + 49 ticks of 10 ms
    assertThat(Profile.cpuMicros(before, after, pids)).isEqualTo(4_000_000.0);
  }

  private static final long THREE_TICKS = Duration.ofMillis(30).toNanos();

  /** CPU time in percent of all of the machine's cores over so many seconds. */
  private static double percentOfMachine(long cpuNanos, double seconds) {
    return cpuNanos / 1e9 * 100 / (seconds * Runtime.getRuntime().availableProcessors());
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
