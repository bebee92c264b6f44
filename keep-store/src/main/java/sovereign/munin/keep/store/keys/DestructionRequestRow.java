package sovereign.munin.keep.store.keys;

import java.util.Objects;

/** Who asked to destroy a whole key, and when (epoch ms); a second person confirms. */
public record DestructionRequestRow(String requestedBy, long requestedAt) {

  public DestructionRequestRow {
    Objects.requireNonNull(requestedBy, "requestedBy");
  }
}
