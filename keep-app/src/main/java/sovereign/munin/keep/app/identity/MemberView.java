package sovereign.munin.keep.app.identity;

import sovereign.munin.keep.store.identity.MemberRow;

/** A standing project membership: the project, the user, their project role, and since when. */
public record MemberView(String projectId, String userId, String role, long addedAt) {

  static MemberView of(MemberRow r) {
    return new MemberView(r.projectId(), r.userId(), r.role(), r.addedAt());
  }
}
