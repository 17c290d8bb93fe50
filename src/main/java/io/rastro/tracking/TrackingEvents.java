package io.rastro.tracking;

import io.rastro.outbox.EventType;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** The events the tracking module publishes, registered with the outbox. */
@Configuration(proxyBeanMethods = false)
class TrackingEvents {

  @Bean
  EventType<TrackingEventRecorded> trackingEventRecordedEvent() {
    return TrackingEventRecorded.TYPE;
  }

  @Bean
  EventType<ShipmentStatusChanged> shipmentStatusChangedEvent() {
    return ShipmentStatusChanged.TYPE;
  }

  @Bean
  EventType<ShipmentDelivered> shipmentDeliveredEvent() {
    return ShipmentDelivered.TYPE;
  }
}
