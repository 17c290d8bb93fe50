/** The change feed's tests, as JSON pages and as Server-Sent Events. */
@NullMarked
package io.rastro.feed;

import org.jspecify.annotations.NullMarked;
