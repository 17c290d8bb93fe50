/**
 * What the integration tests share: a running Rastro (in-process or as its own process), its
 * database, the machine's services, an HTTP client, fixtures and sustained load.
 */
@NullMarked
package io.rastro.support;

import org.jspecify.annotations.NullMarked;
