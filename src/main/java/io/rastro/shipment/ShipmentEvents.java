package io.rastro.shipment;

import io.rastro.outbox.EventType;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** The events the shipment module publishes, registered with the outbox. */
@Configuration(proxyBeanMethods = false)
class ShipmentEvents {

  @Bean
  EventType<ShipmentCreated> shipmentCreatedEvent() {
    return ShipmentCreated.TYPE;
  }
}
