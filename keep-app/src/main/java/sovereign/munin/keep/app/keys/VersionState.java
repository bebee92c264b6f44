package sovereign.munin.keep.app.keys;

import java.util.Arrays;

/** Where a key version is in its life; only an active version signs or encrypts. */
public enum VersionState {
  /** Published ahead of rotation so verifiers can learn it; not yet used. */
  PRE_ACTIVE("pre-active"),
  ACTIVE("active"),
  /** After rotation: still verifies and decrypts, never signs or encrypts. */
  OVERLAP("overlap"),
  /** After the overlap: its signatures still verify and its ciphertexts still decrypt ({@code keep key rewrap}). */
  RETIRED("retired"),
  /** Its signatures still verify; it decrypts no more. Material kept, encrypted, until destroyed. */
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

  /**
   * Whether signatures of this version still verify: every version that was ever active, for as long as it is not
   * revoked (a public key is no secret, and a release signed years ago must still check out). A compromised version
   * is judged on its own (only what it signed before the compromise); a version published but never active made
   * no signature.
   */
  public boolean verifies() {
    return this == ACTIVE || this == OVERLAP || this == RETIRED || this == ARCHIVED || this == DESTROYED;
  }

  /** Whether ciphertexts of this version still decrypt: until it is archived (and not below the key's floor). */
  public boolean decrypts() {
    return this == ACTIVE || this == OVERLAP || this == RETIRED;
  }

  public static VersionState fromId(String id) {
    return Arrays.stream(values()).filter(s -> s.id.equals(id)).findFirst()
        .orElseThrow(() -> new IllegalStateException("unknown key version state '" + id + "' in the database"));
  }
}
