/**
 * Recording tracking events, one or a batch: the command, its checks, its handler, its web adapter
 * and its answers.
 */
@NullMarked
package io.rastro.tracking.commands;

import org.jspecify.annotations.NullMarked;
