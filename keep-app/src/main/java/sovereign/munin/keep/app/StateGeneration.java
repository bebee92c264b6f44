package sovereign.munin.keep.app;

import sovereign.munin.keep.store.Database;
import sovereign.munin.keep.store.StateGenerations;

/**
 * The state database's change counter, which triggers move on in the same transaction as any change to tokens,
 * users, memberships, grants or key states. Read it before reading what a cache holds (see {@link
 * GenerationCache}), so a change that committed before the read is always seen.
 */
public final class StateGeneration {

  private final Database state;

  public StateGeneration(Database state) {
    this.state = state;
  }

  /** The counter as committed now. */
  public long current() {
    return StateGenerations.current(state);
  }
}
