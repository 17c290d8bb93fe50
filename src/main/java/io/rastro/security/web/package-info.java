/** Signing a person in to the operations dashboard with an API key. */
@NullMarked
package io.rastro.security.web;

import org.jspecify.annotations.NullMarked;
