package io.rastro.webhooks.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/** One endpoint's lane: never more under way than its concurrency, the rest sent in claim order. */
class LaneTest {

  @Test
  void holdsBackWhatExceedsTheConcurrencyAndSendsItInOrder() throws InterruptedException {
    var release = new CountDownLatch(1);
    var underWay = new AtomicInteger();
    var most = new AtomicInteger();
    var sent = new ConcurrentLinkedQueue<String>();
    try (var executor = Executors.newVirtualThreadPerTaskExecutor()) {
      var lane =
          new Lane(
              2,
              executor,
              delivery -> {
                most.accumulateAndGet(underWay.incrementAndGet(), Math::max);
                try {
                  release.await();
                } catch (InterruptedException e) {
                  Thread.currentThread().interrupt();
                }
                sent.add(delivery.id());
                underWay.decrementAndGet();
              });
      try {
        for (int i = 0; i < 6; i++) {
          lane.offer(due("msg_" + i));
        }
        await().atMost(Duration.ofSeconds(5)).until(() -> underWay.get() == 2);
        assertThat(lane.backlog()).isEqualTo(6);
        assertThat(most.get()).as("sends under way at once").isEqualTo(2);
      } finally {
        // Lets the held sends finish, so that a failed assertion is reported instead of the
        // executor's close waiting for them for ever.
        release.countDown();
      }

      await().atMost(Duration.ofSeconds(5)).until(() -> lane.backlog() == 0);
      assertThat(sent).hasSize(6);
      assertThat(most.get()).isEqualTo(2);
    }
  }

  @Test
  void sendsOneAfterAnotherInClaimOrder() {
    var sent = new ConcurrentLinkedQueue<String>();
    try (var executor = Executors.newVirtualThreadPerTaskExecutor()) {
      var lane = new Lane(1, executor, delivery -> sent.add(delivery.id()));
      for (int i = 0; i < 20; i++) {
        lane.offer(due("msg_" + i));
      }
      await().atMost(Duration.ofSeconds(5)).until(() -> lane.backlog() == 0);
    }
    assertThat(sent)
        .containsExactlyElementsOf(
            java.util.stream.IntStream.range(0, 20).mapToObj(i -> "msg_" + i).toList());
  }

  private static Deliveries.Due due(String id) {
    return new Deliveries.Due(
        id, UUID.randomUUID(), "http://127.0.0.1/", List.of("whsec_x"), "{}", 0, Instant.EPOCH);
  }
}
