/** The search module's tests: one contract, run on each engine. */
@NullMarked
package io.rastro.search;

import org.jspecify.annotations.NullMarked;
