package io.rastro.outbox.bus;

/**
 * A place in the outbox's relay order: the writing transaction's id, then the row's position. Every
 * event has one, and the order is total and stable once an event has been relayed.
 */
public record Mark(long txid, long position) implements Comparable<Mark> {

  public static final Mark START = new Mark(0, 0);

  @Override
  public int compareTo(Mark other) {
    int byTransaction = Long.compare(txid, other.txid);
    return byTransaction != 0 ? byTransaction : Long.compare(position, other.position);
  }

  boolean after(Mark other) {
    return compareTo(other) > 0;
  }

  /** As the CloudEvents extensions carry it: {@code txid-position}. */
  @Override
  public String toString() {
    return txid + "-" + position;
  }

  public static Mark parse(String text) {
    var dash = text.indexOf('-');
    if (dash < 0) {
      throw new IllegalArgumentException("Not an outbox mark: " + text);
    }
    return new Mark(
        Long.parseLong(text.substring(0, dash)), Long.parseLong(text.substring(dash + 1)));
  }
}
