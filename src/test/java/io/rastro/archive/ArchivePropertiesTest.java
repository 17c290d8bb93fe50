package io.rastro.archive;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;
import org.junit.jupiter.api.Test;
import org.springframework.util.unit.DataSize;

/** Settings that cannot work are refused at start-up, naming the setting. */
class ArchivePropertiesTest {

  private static final Instant NOW = Instant.parse("2029-03-01T02:30:00Z");

  private static ArchiveProperties archive(String schedule, String after) {
    return new ArchiveProperties(
        schedule,
        after,
        ArchiveProperties.Store.LOCAL,
        null,
        5000,
        new ArchiveProperties.S3(
            null, null, "", "us-east-1", "STANDARD", null, DataSize.ofMegabytes(16)));
  }

  @Test
  void theAgeIsAPeriodOrADurationBeforeNow() {
    assertThat(archive("-", "P3Y").cutoff(NOW)).isEqualTo(Instant.parse("2026-03-01T02:30:00Z"));
    assertThat(archive("-", "p1m").cutoff(NOW)).isEqualTo(Instant.parse("2029-02-01T02:30:00Z"));
    assertThat(archive("-", "PT1S").cutoff(NOW)).isEqualTo(Instant.parse("2029-03-01T02:29:59Z"));
  }

  @Test
  void anAgeOfZeroANegativeOneOrWordsIsRefused() {
    for (var after : new String[] {"PT0S", "P0D", "P-1D", "-PT5M", "3 years"}) {
      assertThatThrownBy(() -> archive("-", after))
          .as(after)
          .isInstanceOf(IllegalArgumentException.class)
          .hasMessageContaining("rastro.archive.after");
    }
  }

  @Test
  void aScheduleMustBeACronExpressionOrADash() {
    assertThat(archive("0 30 2 * * *", "P3Y").schedule()).isEqualTo("0 30 2 * * *");
    assertThatThrownBy(() -> archive("nightly", "P3Y"))
        .hasMessageContaining("rastro.archive.schedule");
  }

  @Test
  void theS3StoreNeedsABucketAndFilesNeedRoom() {
    assertThatThrownBy(
            () ->
                new ArchiveProperties(
                    "-",
                    "P3Y",
                    ArchiveProperties.Store.S3,
                    null,
                    5000,
                    new ArchiveProperties.S3(
                        null, " ", "", "us-east-1", "STANDARD", null, DataSize.ofMegabytes(16))))
        .hasMessageContaining("rastro.archive.s3.bucket");
    assertThatThrownBy(
            () ->
                new ArchiveProperties(
                    "-",
                    "P3Y",
                    ArchiveProperties.Store.LOCAL,
                    null,
                    0,
                    new ArchiveProperties.S3(
                        null, null, "", "us-east-1", "STANDARD", null, DataSize.ofMegabytes(16))))
        .hasMessageContaining("rastro.archive.shipments-per-file");
  }

  @Test
  void aPartIsFromFiveMegabytesToFiveHundredAndTwelve() {
    for (var size : new String[] {"4MB", "513MB", "0B"}) {
      assertThatThrownBy(
              () ->
                  new ArchiveProperties.S3(
                      null, "b", "", "us-east-1", "STANDARD", null, DataSize.parse(size)))
          .as(size)
          .hasMessageContaining("rastro.archive.s3.part-size");
    }
    assertThat(
            new ArchiveProperties.S3(
                    null, "b", "", "us-east-1", "STANDARD", null, DataSize.parse("5MB"))
                .partSize())
        .isEqualTo(DataSize.ofMegabytes(5));
  }
}
