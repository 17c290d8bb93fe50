package io.rastro.tracking.commands;

import java.util.List;

/**
 * The answer to a batch of events, item by item.
 *
 * @param accepted items recorded now
 * @param duplicates items already recorded (same tracking number and event id), stored once
 * @param rejected items not recorded, by their index in the batch, and why
 */
public record BatchAccepted(int accepted, int duplicates, List<Rejection> rejected) {

  /** One rejected item: its zero-based index in the batch and what is wrong with it. */
  public record Rejection(int index, String detail) {}
}
