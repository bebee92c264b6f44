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

/** Resolves a user into a governance {@link Actor}: base role, standing project roles and live grants. */
public final class Actors {

  private final Database state;
  private final java.time.Clock clock;

  public Actors(Database state, java.time.Clock clock) {
    this.state = state;
    this.clock = clock;
  }

  public Actor of(UserView user) {
    Set<Role> global = Role.fromId(user.role()).map(Set::of).orElse(Set.of());
    Map<String, Set<Role>> perProject = new HashMap<>();
    for (MemberRow m : state.read(h -> h.attach(ProjectDao.class).memberships(user.id()))) {
      Role.fromId(m.role()).filter(r -> r.scope() == Role.Scope.PROJECT).ifPresent(r ->
          perProject.computeIfAbsent(m.projectId(), k -> EnumSet.noneOf(Role.class)).add(r));
    }
    // Grants count only inside their window, so an expired or revoked grant gives nothing.
    for (var g : state.read(h -> h.attach(sovereign.munin.keep.store.identity.AccessDao.class)
        .activeGrants(user.id(), clock.millis()))) {
      Role.fromId(g.role()).filter(r -> r.scope() == Role.Scope.PROJECT).ifPresent(r ->
          perProject.computeIfAbsent(g.projectId(), k -> EnumSet.noneOf(Role.class)).add(r));
    }
    return new Actor("user:" + user.id(), global, perProject);
  }

  /**
   * Until when an actor resolved now stays right as far as time goes: the next moment one of the user's grants
   * starts or ends ({@code Long.MAX_VALUE} if none will). Changes to roles and grants are another matter.
   */
  public long stableUntil(String userId) {
    long now = clock.millis();
    Long next = state.read(h -> h.attach(sovereign.munin.keep.store.identity.AccessDao.class)
        .nextGrantChange(userId, now));
    return next == null ? Long.MAX_VALUE : next;
  }
}
