package sovereign.munin.keep.app.identity;

import java.util.EnumSet;
import java.util.HashMap;
import java.util.Map;
import java.util.Set;
import sovereign.munin.keep.governance.Actor;
import sovereign.munin.keep.governance.Role;
import sovereign.munin.keep.store.Database;
import sovereign.munin.keep.store.identity.MemberRow;
import sovereign.munin.keep.store.identity.ProjectDao;
import sovereign.munin.keep.store.identity.UserRow;

/** Resolves a user into a governance {@link Actor}: their base role plus their project roles. */
public final class Actors {

  private final Database state;

  public Actors(Database state) {
    this.state = state;
  }

  public Actor of(UserRow user) {
    Set<Role> global = Role.fromId(user.role()).map(Set::of).orElse(Set.of());
    Map<String, Set<Role>> perProject = new HashMap<>();
    for (MemberRow m : state.read(h -> h.attach(ProjectDao.class).memberships(user.id()))) {
      Role.fromId(m.role()).filter(r -> r.scope() == Role.Scope.PROJECT).ifPresent(r ->
          perProject.computeIfAbsent(m.projectId(), k -> EnumSet.noneOf(Role.class)).add(r));
    }
    return new Actor("user:" + user.id(), global, perProject);
  }
}
