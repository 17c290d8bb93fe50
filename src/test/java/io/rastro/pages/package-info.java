/**
 * Tests of the web pages (the public tracking page and the operations dashboard) in a real headless
 * browser.
 */
@NullMarked
package io.rastro.pages;

import org.jspecify.annotations.NullMarked;
