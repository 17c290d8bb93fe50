/**
 * How requests are authenticated and limited: the API-key and rate-limit filters, the filter chains
 * of the API and of the dashboard, the first admin key, and the API document's security scheme.
 */
@NullMarked
package io.rastro.security.internal;

import org.jspecify.annotations.NullMarked;
