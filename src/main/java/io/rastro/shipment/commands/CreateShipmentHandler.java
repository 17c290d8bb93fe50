package io.rastro.shipment.commands;

import io.rastro.carrier.Carriers;
import io.rastro.customer.Customers;
import io.rastro.platform.UnknownReferenceException;
import io.rastro.shipment.NewShipment;
import io.rastro.shipment.Shipments;
import io.rastro.shipment.TrackingNumber;
import java.security.SecureRandom;
import java.time.Clock;
import java.util.Locale;
import java.util.Optional;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.stereotype.Service;

/** Handles {@link CreateShipment}: checks what it names, then stores it once. */
@Service
class CreateShipmentHandler {

  /** Tracking numbers are random; a clash is rare enough that three tries always suffice. */
  private static final int ATTEMPTS = 3;

  private final Shipments shipments;
  private final Customers customers;
  private final Carriers carriers;
  private final Clock clock;
  private final SecureRandom random = new SecureRandom();

  CreateShipmentHandler(Shipments shipments, Customers customers, Carriers carriers, Clock clock) {
    this.shipments = shipments;
    this.customers = customers;
    this.carriers = carriers;
    this.clock = clock;
  }

  ShipmentAccepted handle(CreateShipment command) {
    if (!customers.exists(command.customerId())) {
      throw new UnknownReferenceException("customerId", "no customer " + command.customerId());
    }
    var carrierCode =
        command.carrierCode() == null ? null : command.carrierCode().toUpperCase(Locale.ROOT);
    if (carrierCode != null && !carriers.exists(carrierCode)) {
      throw new UnknownReferenceException("carrierCode", "no carrier " + carrierCode);
    }
    var earlier = byReference(command);
    if (earlier.isPresent()) {
      return ShipmentAccepted.found(earlier.get());
    }
    for (int attempt = 1; ; attempt++) {
      var shipment =
          new NewShipment(
              TrackingNumber.generate(random),
              command.customerId(),
              command.reference(),
              carrierCode,
              command.service(),
              command.weightKg(),
              command.promisedDeliveryDate(),
              command.origin(),
              command.destination(),
              clock.instant());
      try {
        shipments.add(shipment);
        return ShipmentAccepted.created(shipment.trackingNumber());
      } catch (DuplicateKeyException e) {
        // Either a concurrent create with the same reference won, or the number clashed.
        var winner = byReference(command);
        if (winner.isPresent()) {
          return ShipmentAccepted.found(winner.get());
        }
        if (attempt == ATTEMPTS) {
          throw e;
        }
      }
    }
  }

  private Optional<TrackingNumber> byReference(CreateShipment command) {
    return command.reference() == null
        ? Optional.empty()
        : shipments.findByReference(command.customerId(), command.reference());
  }
}
