package io.rastro.outbox;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.rastro.support.IntegrationTest;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

/** The outbox does not grow without end: what every consumer applied goes after its retention. */
class OutboxPurgeIT extends IntegrationTest {

  @Autowired OutboxRelay relay;

  private long insert(String age) {
    return jdbc.sql(
            "insert into outbox (type, subject, data, occurred_at)"
                + " values ('PurgeTest', 'x', '{}', now() - ?::interval) returning position")
        .param(age)
        .query(Long.class)
        .single();
  }

  private boolean exists(long position) {
    return jdbc.sql("select exists (select 1 from outbox where position = ?)")
        .param(position)
        .query(Boolean.class)
        .single();
  }

  @Test
  void deletesAppliedEventsPastTheirRetentionAndKeepsTheRest() {
    var old = insert("30 days");
    var recent = insert("1 minute");
    await()
        .atMost(Duration.ofSeconds(10))
        .until(
            () ->
                // Every consumer past it (the projection, analytics): purge waits for the slowest.
                jdbc.sql(
                        "select bool_and((c.txid, c.position) >= (o.txid, o.position))"
                            + " from outbox_cursors c, outbox o where o.position = ?")
                    .param(recent)
                    .query(Boolean.class)
                    .single());

    relay.purge();

    assertThat(exists(old)).isFalse();
    assertThat(exists(recent)).isTrue();
  }
}
