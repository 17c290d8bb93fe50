package io.rastro.ingest.rabbitmq;

import io.rastro.ingest.IngestProperties;
import io.rastro.ingest.internal.BatchWriter;
import org.springframework.amqp.core.AcknowledgeMode;
import org.springframework.amqp.core.AmqpAdmin;
import org.springframework.amqp.core.Queue;
import org.springframework.amqp.core.QueueBuilder;
import org.springframework.amqp.rabbit.connection.ConnectionFactory;
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
  Queue rastroIngestQueue(IngestProperties properties) {
    return QueueBuilder.durable(properties.rabbitmq().queue()).quorum().build();
  }

  @Bean
  RabbitQueue rabbitQueue(RabbitTemplate template, AmqpAdmin admin, IngestProperties properties) {
    return new RabbitQueue(template, admin, properties.rabbitmq().queue());
  }

  @Bean
  RabbitQueueWorker rabbitQueueWorker(BatchWriter writer, RabbitQueue queue) {
    return new RabbitQueueWorker(writer, queue);
  }

  @Bean
  SimpleMessageListenerContainer rabbitQueueWorkers(
      ConnectionFactory connections, RabbitQueueWorker worker, IngestProperties properties) {
    var container = new SimpleMessageListenerContainer(connections);
    container.setQueueNames(properties.rabbitmq().queue());
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
