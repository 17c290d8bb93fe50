package io.rastro.outbox.bus;

import io.micrometer.core.instrument.MeterRegistry;
import io.rastro.outbox.EventBusProperties;
import io.rastro.outbox.EventCatalog;
import io.rastro.outbox.OutboxConsumer;
import io.rastro.outbox.OutboxCursors;
import io.rastro.outbox.RelayTargets;
import io.rastro.platform.IngestRoleProperties;
import io.rastro.platform.Role;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ScheduledFuture;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.amqp.core.AcknowledgeMode;
import org.springframework.amqp.core.BindingBuilder;
import org.springframework.amqp.core.Declarable;
import org.springframework.amqp.core.Declarables;
import org.springframework.amqp.core.ExchangeBuilder;
import org.springframework.amqp.core.QueueBuilder;
import org.springframework.amqp.core.TopicExchange;
import org.springframework.amqp.rabbit.connection.ConnectionFactory;
import org.springframework.amqp.rabbit.core.RabbitTemplate;
import org.springframework.amqp.rabbit.listener.SimpleMessageListenerContainer;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.context.SmartLifecycle;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.env.Environment;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.scheduling.TaskScheduler;
import org.springframework.transaction.support.TransactionTemplate;
import tools.jackson.databind.json.JsonMapper;

/**
 * The RabbitMQ bus, with {@code rastro.events.bus=rabbitmq}: the outbox is relayed to a durable
 * topic exchange, and each of Rastro's own consumers (the projection) reads it from a quorum queue
 * bound to every routing key.
 */
@Configuration(proxyBeanMethods = false)
@ConditionalOnProperty(name = "rastro.events.bus", havingValue = "rabbitmq")
class RabbitEventBusConfiguration {

  private static final Logger log = LoggerFactory.getLogger(RabbitEventBusConfiguration.class);
  private static final int BATCH = 500;

  @Bean
  CloudEventCodec cloudEventCodec(
      JsonMapper json, EventCatalog catalog, EventBusProperties properties) {
    return new CloudEventCodec(json, catalog, properties.source());
  }

  /** The relay publishes the outbox to the exchange; the consumers take it from their queues. */
  @Bean
  RelayTargets rabbitRelayTargets(
      RabbitTemplate template,
      JdbcClient jdbc,
      CloudEventCodec codec,
      EventCatalog catalog,
      EventBusProperties properties) {
    return new RelayTargets(
        List.of(new RabbitEventPublisher(template, jdbc, codec, catalog, properties.exchange())));
  }

  /**
   * The exchange, and for each consumer a quorum queue that takes every event. A group's queues
   * (every split role has one) have a single active consumer: of the group's processes, one at a
   * time applies, and another takes over when its connection goes.
   */
  @Bean
  Declarables rastroEventBus(
      EventBusProperties properties, List<OutboxConsumer> consumers, Environment environment) {
    var role = Role.of(environment);
    TopicExchange exchange =
        ExchangeBuilder.topicExchange(properties.exchange()).durable(true).build();
    var declarables = new ArrayList<Declarable>(List.of(exchange));
    for (var consumer : consumers) {
      var builder = QueueBuilder.durable(properties.queueOf(consumer.name(), role)).quorum();
      if (properties.groupIn(role).isPresent()) {
        builder.singleActiveConsumer();
      }
      var queue = builder.build();
      declarables.add(queue);
      declarables.add(BindingBuilder.bind(queue).to(exchange).with("#"));
    }
    return new Declarables(declarables);
  }

  @Bean
  Subscriptions rastroEventSubscriptions(
      ConnectionFactory connections,
      EventBusProperties properties,
      List<OutboxConsumer> consumers,
      CloudEventCodec codec,
      JdbcClient jdbc,
      OutboxCursors cursors,
      TransactionTemplate transaction,
      MeterRegistry meters,
      Environment environment,
      IngestRoleProperties ingestRole,
      JsonMapper json,
      TaskScheduler scheduler) {
    var role = Role.of(environment);
    var ingest = ingestRole.url();
    var replay =
        role == Role.QUERY && ingest != null
            ? new OutboxReplay(ingest, ingestRole.key(), codec, json)
            : null;
    var subscriptions = new ArrayList<Subscription>();
    for (var consumer : consumers) {
      var listener =
          new BusSubscription(consumer, codec, jdbc, cursors, transaction, meters, replay);
      var container = new SimpleMessageListenerContainer(connections);
      container.setQueueNames(properties.queueOf(consumer.name(), role));
      container.setAcknowledgeMode(AcknowledgeMode.MANUAL);
      container.setConsumerBatchEnabled(true);
      container.setBatchSize(BATCH);
      container.setPrefetchCount(2 * BATCH);
      container.setReceiveTimeout(10);
      container.setBatchReceiveTimeout(10);
      container.setConcurrentConsumers(1); // one at a time, in order
      container.setMissingQueuesFatal(false);
      container.setMessageListener(listener);
      container.afterPropertiesSet();
      subscriptions.add(new Subscription(listener, container));
    }
    return new Subscriptions(
        subscriptions, cursors, replay == null ? null : scheduler, ingestRole.catchUpInterval());
  }

  private record Subscription(BusSubscription listener, SimpleMessageListenerContainer container) {}

  /** Starts and stops the subscriptions' listener containers with Rastro. */
  static final class Subscriptions implements SmartLifecycle {

    private final List<Subscription> subscriptions;
    private final OutboxCursors cursors;
    private final @Nullable TaskScheduler catchUp;
    private final Duration catchUpInterval;
    private @Nullable ScheduledFuture<?> catchingUp;

    private Subscriptions(
        List<Subscription> subscriptions,
        OutboxCursors cursors,
        @Nullable TaskScheduler catchUp,
        Duration catchUpInterval) {
      this.subscriptions = subscriptions;
      this.cursors = cursors;
      this.catchUp = catchUp;
      this.catchUpInterval = catchUpInterval;
    }

    /**
     * Gives each consumer its cursor, then starts them: in a query role no relay runs to do the
     * first.
     */
    @Override
    public void start() {
      subscriptions.forEach(s -> cursors.create(s.listener().consumerName()));
      subscriptions.forEach(s -> s.container().start());
      if (catchUp != null) {
        catchingUp =
            catchUp.scheduleWithFixedDelay(
                () -> subscriptions.forEach(s -> catchUp(s.listener())), catchUpInterval);
      }
    }

    private static void catchUp(BusSubscription listener) {
      try {
        listener.catchUp();
      } catch (RuntimeException e) {
        log.warn("Catching up {} failed; trying again", listener.consumerName(), e);
      }
    }

    @Override
    public void stop() {
      if (catchingUp != null) {
        catchingUp.cancel(false);
      }
      subscriptions.forEach(s -> s.listener().stop());
      subscriptions.forEach(s -> s.container().stop());
    }

    @Override
    public boolean isRunning() {
      return subscriptions.stream().anyMatch(s -> s.container().isRunning());
    }
  }
}
