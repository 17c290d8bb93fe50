/**
 * Rastro: a shipment-tracking backend built on CQRS. Each direct sub-package is a module; see the
 * README's design section for how they depend on each other.
 */
@NullMarked
package io.rastro;

import org.jspecify.annotations.NullMarked;
