/**
 * The operations dashboard ({@code /ops}): whether ingestion keeps up, at a glance. It reads the
 * same Micrometer meters that {@code /actuator/prometheus} exposes, and a few catalogue queries
 * (table sizes, shipments by status), and changes nothing.
 */
@NullMarked
package io.rastro.ops;

import org.jspecify.annotations.NullMarked;
