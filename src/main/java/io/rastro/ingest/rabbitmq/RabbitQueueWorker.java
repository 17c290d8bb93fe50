package io.rastro.ingest.rabbitmq;

import com.rabbitmq.client.Channel;
import io.rastro.ingest.internal.BatchWriter;
import io.rastro.ingest.internal.TransientWriteFailure;
import io.rastro.platform.Backoff;
import java.io.IOException;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.amqp.core.Message;
import org.springframework.amqp.rabbit.listener.api.ChannelAwareBatchMessageListener;
import org.springframework.beans.factory.DisposableBean;

/**
 * Writes batches taken from RabbitMQ and acknowledges them only after their transaction committed.
 * While the database is down it keeps its batch unacknowledged and retries, so the broker neither
 * redelivers it nor counts it as failing.
 */
class RabbitQueueWorker implements ChannelAwareBatchMessageListener, DisposableBean {

  private static final Logger log = LoggerFactory.getLogger(RabbitQueueWorker.class);

  private final BatchWriter writer;
  private final RabbitQueue queue;
  private volatile boolean stopping;

  RabbitQueueWorker(BatchWriter writer, RabbitQueue queue) {
    this.writer = writer;
    this.queue = queue;
  }

  /** Ends any retry in progress at shutdown, leaving its batch to the broker. */
  @Override
  public void destroy() {
    stopping = true;
  }

  @Override
  public void onMessageBatch(List<Message> messages, @Nullable Channel channel) {
    if (messages.isEmpty()) {
      return;
    }
    queue.writing(messages.size());
    try {
      var backoff = new Backoff();
      while (true) {
        try {
          writer.write(() -> messages, Optional::of, RabbitQueue::command);
          break;
        } catch (TransientWriteFailure e) {
          if (stopping) {
            return; // unacknowledged: the broker hands the batch to the next worker
          }
          log.warn(
              "Ingest paused: {}; retrying in {}", String.valueOf(e.getCause()), backoff.current());
          backoff.pause();
        }
      }
      Objects.requireNonNull(channel, "needs the channel to acknowledge")
          .basicAck(messages.getLast().getMessageProperties().getDeliveryTag(), true);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    } catch (IOException e) {
      // Written but not acknowledged: the broker redelivers, and the handlers' idempotency
      // keeps the second write from changing anything.
      log.warn("Could not acknowledge {} written commands: {}", messages.size(), e.toString());
    } finally {
      queue.written(messages.size());
    }
  }

  @Override
  public void onMessageBatch(List<Message> messages) {
    throw new UnsupportedOperationException("needs the channel to acknowledge");
  }
}
