package io.rastro.tracking.internal;

import java.sql.Timestamp;
import java.time.Clock;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;

/**
 * Keeps the monthly partitions of {@code tracking_events} prepared ahead of time: the last month,
 * this one and the next three, checked at start-up and every six hours. Events dated elsewhere land
 * in the default partition.
 */
@Component
class TrackingEventPartitions {

  private static final Logger log = LoggerFactory.getLogger(TrackingEventPartitions.class);
  static final int MONTHS_BEHIND = 1;
  static final int MONTHS_AHEAD = 3;

  private final JdbcClient jdbc;
  private final Clock clock;

  TrackingEventPartitions(JdbcClient jdbc, Clock clock) {
    this.jdbc = jdbc;
    this.clock = clock;
  }

  @Scheduled(fixedDelayString = "PT6H")
  void prepare() {
    var thisMonth = ZonedDateTime.now(clock.withZone(ZoneOffset.UTC)).withDayOfMonth(1);
    for (int month = -MONTHS_BEHIND; month <= MONTHS_AHEAD; month++) {
      var partition =
          jdbc.sql("select ensure_tracking_events_partition(?)")
              .param(Timestamp.from(thisMonth.plusMonths(month).toInstant()))
              .query(String.class)
              .single();
      log.debug("Partition {} ready", partition);
    }
  }
}
