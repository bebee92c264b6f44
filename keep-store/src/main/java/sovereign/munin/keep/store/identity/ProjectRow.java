package sovereign.munin.keep.store.identity;

import java.util.Objects;

/** A stored project (an internal project or service of the organisation). */
public record ProjectRow(String id, String name, long createdAt) {

  public ProjectRow {
    Objects.requireNonNull(id, "id");
    Objects.requireNonNull(name, "name");
  }
}
