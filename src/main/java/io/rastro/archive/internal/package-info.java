/** How the archive moves shipments, stores its files and brings shipments back. */
@NullMarked
package io.rastro.archive.internal;

import org.jspecify.annotations.NullMarked;
