/** The embedded PostgreSQL that Rastro starts when no database is configured, and its settings. */
@NullMarked
package io.rastro.platform.embedded;

import org.jspecify.annotations.NullMarked;
