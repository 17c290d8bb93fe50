/** Loading: the outbox consumer that turns the domain events into the engine's rows. */
@NullMarked
package io.rastro.analytics.loading;

import org.jspecify.annotations.NullMarked;
