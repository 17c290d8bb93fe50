/**
 * Webhooks: callers register HTTPS endpoints and Rastro delivers the domain events they want to
 * them, signed as the Standard Webhooks specification says, at least once, retried with back-off,
 * each endpoint apart from the others.
 */
@NullMarked
package io.rastro.webhooks;

import org.jspecify.annotations.NullMarked;
