package io.rastro.bench;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ReportTest {

  @Test
  void aFigureShowsTheSpreadOfItsRepetitionsOrTheNoteThatStandsForIt() {
    var outcome =
        Outcome.of("ingest, one event per request", "embedded")
            .with(Harness.WRITTEN_PER_SECOND, 2000, List.of(1800.0, 2000.0, 2200.0))
            .with("refused", 3)
            .withNote("accept p99 ms", "n/a (n=12)");

    assertThat(Report.cell(outcome, Harness.WRITTEN_PER_SECOND)).isEqualTo("2,000 ±10 %");
    assertThat(Report.cell(outcome, "refused")).isEqualTo("3.00");
    assertThat(Report.cell(outcome, "accept p99 ms")).isEqualTo("n/a (n=12)");
  }

  @Test
  void theIngestTargetsAreJudgedOnRowsWrittenAndEachBackendStatesItsDurability() throws Exception {
    var single =
        Outcome.of("ingest, one event per request", "embedded")
            .with("accepted events/s", 30_000, List.of(29_000.0, 31_000.0))
            .with("accept p99 ms", 20)
            .with(Harness.WRITTEN_PER_SECOND, 15_000, List.of(14_000.0, 16_000.0));
    var batch =
        Outcome.of("ingest, 500 events per request", "embedded")
            .with("accepted events/s", 120_000)
            .with(Harness.WRITTEN_PER_SECOND, 90_000);
    var root = Files.createTempDirectory("report");

    new Report(
            "quick",
            "embedded",
            List.of(single, batch),
            Map.of("copy rows/s", 200_000.0),
            List.of(),
            Map.of("embedded", "queue table in the same PostgreSQL fsync=on"),
            2)
        .write(root, "", "");
    var text = Files.readString(root.resolve("BENCHMARKS.md"));

    assertThat(text)
        .contains(
            "| single-event ingest ≥ 20,000 events/s | 15,000 ±6.7 % events/s written | × 1.33 to go |")
        .contains("| batch ingest ≥ 100,000 events/s sustained | 90,000 events/s written")
        .contains("- durability, embedded: queue table in the same PostgreSQL fsync=on")
        .contains("2 times");
  }
}
