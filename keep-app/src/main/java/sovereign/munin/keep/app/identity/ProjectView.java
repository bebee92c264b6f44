package sovereign.munin.keep.app.identity;

import sovereign.munin.keep.store.identity.ProjectRow;

/** A project: its id, the name people type, and when it was created. */
public record ProjectView(String id, String name, long createdAt) {

  static ProjectView of(ProjectRow r) {
    return new ProjectView(r.id(), r.name(), r.createdAt());
  }
}
