package io.rastro.archive;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.rastro.support.Api;
import java.time.Duration;
import org.springframework.jdbc.core.simple.JdbcClient;
import tools.jackson.databind.JsonNode;

/** Archive runs as a test starts and follows them, through the admin API. */
record ArchiveRuns(Api api, JdbcClient jdbc) {

  /** The archive's advisory lock, as {@code Archiver} takes it. */
  static final long LOCK = 0x7261737472_6172L;

  /** Starts a run and returns it once it has ended, whichever way. */
  JsonNode run() {
    var started = api.post("/api/v1/admin/archive/run", "");
    assertThat(started.status()).as(started.raw()).isEqualTo(202);
    var id = started.body().path("id").asLong();
    return await()
        .atMost(Duration.ofSeconds(60))
        .until(
            () -> api.get("/api/v1/admin/archive/runs/" + id).body(),
            run -> !run.path("status").asString().equals("running"));
  }

  /**
   * Runs the archive until this shipment is in it (its last activity must be older than {@code
   * rastro.archive.after}); returns the run that moved it.
   */
  JsonNode awaitArchived(String trackingNumber) {
    var last = new JsonNode[1];
    await()
        .atMost(Duration.ofSeconds(60))
        .pollInterval(Duration.ofMillis(500))
        .untilAsserted(
            () -> {
              last[0] = run();
              assertThat(last[0].path("status").asString())
                  .as(last[0].toString())
                  .isEqualTo("finished");
              assertThat(archived(trackingNumber)).isTrue();
            });
    return last[0];
  }

  boolean archived(String trackingNumber) {
    return jdbc.sql("select exists (select 1 from archived_shipments where tracking_number = ?)")
        .param(trackingNumber)
        .query(Boolean.class)
        .single();
  }
}
