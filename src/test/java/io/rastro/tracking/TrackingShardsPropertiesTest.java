package io.rastro.tracking;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.rastro.tracking.TrackingShardsProperties.Shard;
import java.time.YearMonth;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Shard settings that cannot work are refused at start-up, naming the setting at fault. */
class TrackingShardsPropertiesTest {

  private static Shard shard(String name, String from, String to) {
    return new Shard(name, "jdbc:postgresql://127.0.0.1:5433/rastro", "postgres", null, from, to);
  }

  @Test
  void eachMonthBelongsToTheShardWhoseRangeHoldsIt() {
    var shards =
        new TrackingShardsProperties(
            List.of(shard("h1", "2025-01", "2025-06"), shard("h2", "2025-07", "2025-12")));
    assertThat(shards.holding(YearMonth.of(2025, 1)).map(Shard::name)).contains("h1");
    assertThat(shards.holding(YearMonth.of(2025, 6)).map(Shard::name)).contains("h1");
    assertThat(shards.holding(YearMonth.of(2025, 7)).map(Shard::name)).contains("h2");
    assertThat(shards.holding(YearMonth.of(2026, 1))).isEmpty();
    assertThat(shards.holding(YearMonth.of(2024, 12))).isEmpty();
    assertThat(shards.shards().getFirst().months()).hasSize(6);
  }

  @Test
  void overlappingRangesAreRefused() {
    assertThatThrownBy(
            () ->
                new TrackingShardsProperties(
                    List.of(shard("h1", "2025-01", "2025-06"), shard("h2", "2025-06", "2025-12"))))
        .hasMessageContaining("rastro.tracking.shards[1]")
        .hasMessageContaining("overlaps rastro.tracking.shards[0]");
  }

  @Test
  void aRangeThatEndsBeforeItStartsOrIsNoMonthIsRefused() {
    assertThatThrownBy(
            () -> new TrackingShardsProperties(List.of(shard("h1", "2025-07", "2025-06"))))
        .hasMessageContaining("rastro.tracking.shards[0].from (2025-07) is after its .to");
    assertThatThrownBy(
            () -> new TrackingShardsProperties(List.of(shard("h1", "2025-7", "2025-09"))))
        .hasMessageContaining("rastro.tracking.shards[0].from must be a month");
    assertThatThrownBy(() -> new TrackingShardsProperties(List.of(shard("h1", "2025-01", null))))
        .hasMessageContaining("rastro.tracking.shards[0].to must be a month");
  }

  @Test
  void namesAreWordsOnceEachAndUrlsArePostgres() {
    assertThatThrownBy(
            () -> new TrackingShardsProperties(List.of(shard("H 1", "2025-01", "2025-02"))))
        .hasMessageContaining("rastro.tracking.shards[0].name");
    assertThatThrownBy(
            () ->
                new TrackingShardsProperties(
                    List.of(shard("h1", "2025-01", "2025-02"), shard("h1", "2025-03", "2025-04"))))
        .hasMessageContaining("rastro.tracking.shards[1].name repeats h1");
    assertThatThrownBy(
            () ->
                new TrackingShardsProperties(
                    List.of(new Shard("h1", "jdbc:mysql://x/y", "u", null, "2025-01", "2025-02"))))
        .hasMessageContaining("rastro.tracking.shards[0].url");
  }
}
