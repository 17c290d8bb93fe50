/** The tracking module's admin API: the events still waiting for their shipment. */
@NullMarked
package io.rastro.tracking.web;

import org.jspecify.annotations.NullMarked;
