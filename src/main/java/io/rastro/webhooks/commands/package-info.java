/** The webhook API: endpoints, their secrets and their deliveries. */
@NullMarked
package io.rastro.webhooks.commands;

import org.jspecify.annotations.NullMarked;
