package io.rastro.platform;

import java.util.Locale;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.core.env.Environment;

/**
 * Which part of Rastro a process runs ({@code rastro.role}, environment {@code RASTRO_ROLE}): the
 * seed's Phase 2 as a deployment choice of the one artifact. {@code io.rastro.RoleLayout} says what
 * each runs.
 */
public enum Role {
  /** Everything in one process: the default, the seed's Phase 1. */
  ALL,
  /** The write side: the write API, the write-ahead queue and its workers, the relay to the bus. */
  INGEST,
  /** The read side: the read API on a database of its own, fed only by the bus. */
  QUERY;

  /** The role this environment sets ({@code rastro.role}, any case); {@code all} when none. */
  public static Role of(Environment environment) {
    return Binder.get(environment).bind("rastro.role", Role.class).orElse(ALL);
  }

  /** As the setting spells it: {@code all}, {@code ingest}, {@code query}. */
  public String setting() {
    return name().toLowerCase(Locale.ROOT);
  }
}
