package io.rastro.tracking;

import static io.rastro.support.Fixtures.event;
import static org.assertj.core.api.Assertions.assertThat;

import io.rastro.support.IntegrationTest;
import java.time.YearMonth;
import java.time.ZoneOffset;
import java.util.Arrays;
import org.junit.jupiter.api.Test;

class TrackingEventPartitionsIT extends IntegrationTest {

  private String partitionOf(String eventId) {
    return jdbc.sql("select tableoid::regclass::text from tracking_events where event_id = ?")
        .param(eventId)
        .query(String.class)
        .single();
  }

  @Test
  void theComingMonthsArePreparedAhead() {
    var month = YearMonth.now(ZoneOffset.UTC);
    for (int ahead = 0; ahead <= 3; ahead++) {
      var name = "tracking_events_%1$tY_%1$tm".formatted(month.plusMonths(ahead).atDay(1));
      assertThat(
              jdbc.sql("select to_regclass(?) is not null")
                  .param(name)
                  .query(Boolean.class)
                  .single())
          .as(name)
          .isTrue();
    }
  }

  @Test
  void anEventOfAnyMonthLandsInThatMonthsOwnPartition() {
    var trackingNumber = fixtures.shipment(fixtures.customer());
    fixtures.record(trackingNumber, event("old-1", "INFO_RECEIVED", "2019-03-10T08:00:00Z"));
    fixtures.record(trackingNumber, event("old-2", "PICKED_UP", "2019-03-31T23:59:59Z"));
    fixtures.record(trackingNumber, event("old-3", "IN_TRANSIT", "2019-04-01T00:00:00Z"));
    fixtures.awaitWritten();

    assertThat(partitionOf("old-1")).isEqualTo("tracking_events_2019_03");
    assertThat(partitionOf("old-2")).isEqualTo("tracking_events_2019_03");
    assertThat(partitionOf("old-3")).isEqualTo("tracking_events_2019_04");
    fixtures.refresh();
    assertThat(
            api.get("/api/v1/shipments/" + trackingNumber)
                .body()
                .path("events")
                .findValuesAsString("eventId"))
        .containsExactly("old-1", "old-2", "old-3");
  }

  @Test
  void thereIsNoDefaultPartitionToGrowWithoutBound() {
    assertThat(
            jdbc.sql(
                    """
                    select count(*) from pg_inherits i join pg_class c on c.oid = i.inhrelid
                    where i.inhparent = 'tracking_events'::regclass
                      and pg_get_expr(c.relpartbound, c.oid) = 'DEFAULT'
                    """)
                .query(Long.class)
                .single())
        .isZero();
  }

  @Test
  void theDatabaseStatusesMatchTheApisInTheirLifecycleOrder() {
    var labels =
        jdbc.sql("select unnest(enum_range(null::tracking_status))::text")
            .query(String.class)
            .list();

    assertThat(labels)
        .containsExactlyElementsOf(Arrays.stream(TrackingStatus.values()).map(Enum::name).toList());
  }
}
