/** Listing the API keys ({@code ADMIN} only), never the keys themselves. */
@NullMarked
package io.rastro.security.queries;

import org.jspecify.annotations.NullMarked;
