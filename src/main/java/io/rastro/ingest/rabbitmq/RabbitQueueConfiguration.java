package io.rastro.ingest.rabbitmq;

import io.rastro.ingest.IngestProperties;
import io.rastro.ingest.internal.BatchWriter;
import org.springframework.amqp.core.AcknowledgeMode;
import org.springframework.amqp.core.Queue;
import org.springframework.amqp.core.QueueBuilder;
import org.springframework.amqp.rabbit.connection.ConnectionFactory;
import org.springframework.amqp.rabbit.core.RabbitAdmin;
import org.springframework.amqp.rabbit.core.RabbitTemplate;
import org.springframework.amqp.rabbit.listener.SimpleMessageListenerContainer;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** The RabbitMQ backend, with {@code rastro.ingest.queue=rabbitmq}. */
@Configuration(proxyBeanMethods = false)
@ConditionalOnProperty(name = "rastro.ingest.queue", havingValue = "rabbitmq")
class RabbitQueueConfiguration {

  /** Quorum: replicated by Raft, written to disk, and never silently dropped on overflow. */
  @Bean
  Queue rastroIngestQueue() {
    return QueueBuilder.durable(RabbitQueue.QUEUE).quorum().build();
  }

  @Bean
  RabbitQueue rabbitQueue(RabbitTemplate template, RabbitAdmin admin) {
    return new RabbitQueue(template, admin);
  }

  @Bean
  RabbitQueueWorker rabbitQueueWorker(BatchWriter writer, RabbitQueue queue) {
    return new RabbitQueueWorker(writer, queue);
  }

  @Bean
  SimpleMessageListenerContainer rabbitQueueWorkers(
      ConnectionFactory connections, RabbitQueueWorker worker, IngestProperties properties) {
    var container = new SimpleMessageListenerContainer(connections);
    container.setQueueNames(RabbitQueue.QUEUE);
    container.setAcknowledgeMode(AcknowledgeMode.MANUAL);
    container.setConsumerBatchEnabled(true);
    container.setBatchSize(properties.batchSize());
    container.setPrefetchCount(properties.batchSize());
    container.setReceiveTimeout(properties.linger().toMillis());
    container.setBatchReceiveTimeout(properties.linger().toMillis());
    container.setConcurrentConsumers(properties.workers());
    container.setMissingQueuesFatal(false);
    container.setMessageListener(worker);
    return container;
  }
}
