package sovereign.munin.keep.app.keys;

import java.util.Arrays;

/** Where a key version is in its life; only an active version signs or encrypts. */
public enum VersionState {
  /** Published ahead of rotation so verifiers can learn it; not yet used. */
  PRE_ACTIVE("pre-active"),
  ACTIVE("active"),
  /** After rotation: still verifies and decrypts, never signs or encrypts. */
  OVERLAP("overlap"),
  RETIRED("retired"),
  ARCHIVED("archived"),
  /** Material wiped; metadata kept. */
  DESTROYED("destroyed"),
  /** Reachable from any state; carries the compromise time and reason. */
  COMPROMISED("compromised");

  private final String id;

  VersionState(String id) {
    this.id = id;
  }

  public String id() {
    return id;
  }

  /** Whether signatures and ciphertexts of this version are still accepted. */
  public boolean verifies() {
    return this == ACTIVE || this == OVERLAP;
  }

  public static VersionState fromId(String id) {
    return Arrays.stream(values()).filter(s -> s.id.equals(id)).findFirst()
        .orElseThrow(() -> new IllegalStateException("unknown key version state '" + id + "' in the database"));
  }
}
