/** The queue's admin API: its depth, and the dead letters with a way to re-drive them. */
@NullMarked
package io.rastro.ingest.web;

import org.jspecify.annotations.NullMarked;
