/**
 * The load simulator and benchmark harness: realistic tracking traffic played against a running
 * Rastro over HTTP, open-loop at a target rate or closed-loop at the highest rate it sustains, and
 * scenarios whose results, beside the machine's own limits measured in the same run, become {@code
 * BENCHMARKS.md}. Run by {@code bench/run}; not part of the test suite, which only tests the
 * simulator itself.
 */
@NullMarked
package io.rastro.bench;

import org.jspecify.annotations.NullMarked;
