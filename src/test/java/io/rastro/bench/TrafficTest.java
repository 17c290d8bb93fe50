package io.rastro.bench;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

class TrafficTest {

  private static final List<String> SHIPMENTS =
      IntStream.range(0, 200).mapToObj(i -> "RS" + i).toList();

  @Test
  void aShipmentHasAboutFourEventsAsInTheSeedsRatio() {
    var traffic = new Traffic(SHIPMENTS, new Traffic.Profile(0, 0, 0), 1);

    var lengths =
        IntStream.range(0, 10_000).map(i -> traffic.lifecycle().size()).average().orElseThrow();

    assertThat(lengths).isCloseTo(4.0, within(0.5));
  }

  @Test
  void retriesLateEventsAndUnknownShipmentsComeInTheirShares() {
    var traffic = new Traffic(SHIPMENTS, new Traffic.Profile(0.10, 0.10, 0.02), 2);
    var seen = new HashSet<String>();
    int repeats = 0;
    int unknown = 0;
    int late = 0;
    var lastStep = new HashMap<String, Integer>();
    var events = 50_000;
    for (int i = 0; i < events; i++) {
      var event = traffic.next();
      var id = (String) event.get("eventId");
      if (!seen.add(id)) {
        repeats++;
        continue;
      }
      var number = (String) event.get("trackingNumber");
      if (!SHIPMENTS.contains(number)) {
        unknown++;
        continue;
      }
      var parts = id.split("-");
      var position = Integer.parseInt(parts[1]) * 100 + Integer.parseInt(parts[2]);
      if (position < lastStep.getOrDefault(number, -1)) {
        late++;
      }
      lastStep.merge(number, position, Math::max);
    }

    assertThat(repeats / (double) events).isCloseTo(0.10, within(0.02));
    assertThat(unknown / (double) events).isCloseTo(0.02, within(0.01));
    assertThat(late / (double) events).isCloseTo(0.09, within(0.04));
  }

  @Test
  void statusesFollowTheLifecycleWhenNothingIsLate() {
    var traffic = new Traffic(List.of("RS1"), new Traffic.Profile(0, 0, 0), 3);

    var first = traffic.next();
    var second = traffic.next();

    assertThat(first.get("status")).isEqualTo("INFO_RECEIVED");
    assertThat(second.get("status")).isEqualTo("PICKED_UP");
    assertThat((String) second.get("occurredAt")).isGreaterThan((String) first.get("occurredAt"));
  }

  @Test
  void twoTrafficsOnTheSameShipmentsSendNewEventsNotEachOthersDuplicates() {
    var first = new Traffic(SHIPMENTS, new Traffic.Profile(0, 0, 0), 4);
    var second = new Traffic(SHIPMENTS, new Traffic.Profile(0, 0, 0), 4);
    var ids = new HashSet<String>();
    for (int i = 0; i < 5_000; i++) {
      ids.add((String) first.next().get("eventId"));
    }

    for (int i = 0; i < 5_000; i++) {
      assertThat(ids).doesNotContain((String) second.next().get("eventId"));
    }
  }
}
