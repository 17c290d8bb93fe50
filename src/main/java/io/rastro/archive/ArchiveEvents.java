package io.rastro.archive;

import io.rastro.outbox.EventType;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** The events the archive publishes, registered with the outbox. */
@Configuration(proxyBeanMethods = false)
class ArchiveEvents {

  @Bean
  EventType<ShipmentArchived> shipmentArchivedEvent() {
    return ShipmentArchived.TYPE;
  }

  @Bean
  EventType<ShipmentRestored> shipmentRestoredEvent() {
    return ShipmentRestored.TYPE;
  }
}
