package io.rastro.analytics;

import org.jspecify.annotations.Nullable;

/**
 * A shipment as the engines hold it: instants as epoch seconds and dates as epoch days, so that
 * both engines do the same integer arithmetic with no time zone involved; a missing carrier is
 * {@code ""}.
 */
public record ShipmentRow(
    long position,
    String trackingNumber,
    String customerId,
    String carrierCode,
    String originCity,
    String originCountry,
    String destinationCity,
    String destinationCountry,
    @Nullable Integer promisedDay,
    long createdAt) {}
