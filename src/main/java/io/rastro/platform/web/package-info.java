/** What every web response shares: errors as problem details (RFC 9457) and the pages' language. */
@NullMarked
package io.rastro.platform.web;

import org.jspecify.annotations.NullMarked;
