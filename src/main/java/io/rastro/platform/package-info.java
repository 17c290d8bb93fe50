/**
 * The shared kernel: errors every module raises (rendered as RFC 9457 problem details), the clock,
 * constraints shared by several modules, and the embedded PostgreSQL started when no database is
 * configured. It imports no feature module.
 */
@NullMarked
package io.rastro.platform;

import org.jspecify.annotations.NullMarked;
