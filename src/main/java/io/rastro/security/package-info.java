/**
 * Who may do what: API keys with roles, bound to a customer or a carrier, checked on every request,
 * with rate limits per key and, for the public endpoints, per client address.
 */
@NullMarked
package io.rastro.security;

import org.jspecify.annotations.NullMarked;
