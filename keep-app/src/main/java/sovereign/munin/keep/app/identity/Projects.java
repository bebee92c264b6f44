package sovereign.munin.keep.app.identity;

import java.time.Clock;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import sovereign.munin.keep.app.KeepException;
import sovereign.munin.keep.app.audit.AuditEvent;
import sovereign.munin.keep.app.audit.AuditSink;
import sovereign.munin.keep.governance.Role;
import sovereign.munin.keep.store.Database;
import sovereign.munin.keep.store.identity.MemberRow;
import sovereign.munin.keep.store.identity.ProjectDao;
import sovereign.munin.keep.store.identity.ProjectRow;
import sovereign.munin.keep.store.identity.UserDao;
import sovereign.munin.keep.store.identity.UserRow;

/** Creates projects with their owner and adds members; each change is one transaction with its audit event. */
public final class Projects {

  private final Database state;
  private final AuditSink audit;
  private final Clock clock;

  public Projects(Database state, AuditSink audit, Clock clock) {
    this.state = state;
    this.audit = audit;
    this.clock = clock;
  }

  /** Creates a project owned by {@code ownerName}. */
  public ProjectView create(String actor, String name, String ownerName) {
    Names.require(name, "project");
    return state.transaction(h -> {
      ProjectDao projects = h.attach(ProjectDao.class);
      if (projects.findByName(name).isPresent()) {
        throw new KeepException(KeepException.Kind.CONFLICT, "project-exists", "a project named '" + name
            + "' already exists");
      }
      UserRow owner = h.attach(UserDao.class).findByName(ownerName == null ? "" : ownerName)
          .orElseThrow(() -> IdentityErrors.notFound("user", ownerName));
      ProjectRow row = new ProjectRow("p_" + UUID.randomUUID().toString().replace("-", "").substring(0, 20), name,
          clock.millis());
      projects.insert(row);
      projects.addMember(new MemberRow(row.id(), owner.id(), Role.PROJECT_OWNER.id(), row.createdAt()));
      audit.record(h, AuditEvent.success(actor, "project.create", "project:" + row.id(), Map.of("name", name,
          "owner", "user:" + owner.id())).inProject(row.id()));
      return ProjectView.of(row);
    });
  }

  /** Gives a user a standing project role (owner or developer). */
  public MemberView addMember(String actor, String projectName, String userName, String role) {
    Role r = Role.fromId(role == null ? "" : role).filter(x -> x.scope() == Role.Scope.PROJECT)
        .orElseThrow(() -> KeepException.badInput("bad-role", "a project role is project-owner or developer"));
    return state.transaction(h -> {
      ProjectRow project = h.attach(ProjectDao.class).findByName(projectName == null ? "" : projectName)
          .orElseThrow(() -> IdentityErrors.notFound("project", projectName));
      UserRow user = h.attach(UserDao.class).findByName(userName == null ? "" : userName)
          .orElseThrow(() -> IdentityErrors.notFound("user", userName));
      boolean exists = h.attach(ProjectDao.class).members(project.id()).stream()
          .anyMatch(m -> m.userId().equals(user.id()) && m.role().equals(r.id()));
      if (exists) {
        throw new KeepException(KeepException.Kind.CONFLICT, "member-exists", userName + " already is "
            + r.id() + " of " + projectName);
      }
      MemberRow row = new MemberRow(project.id(), user.id(), r.id(), clock.millis());
      h.attach(ProjectDao.class).addMember(row);
      audit.record(h, AuditEvent.success(actor, "project.member-add", "project:" + project.id(), Map.of(
          "user", "user:" + user.id(), "role", r.id())).inProject(project.id()));
      return MemberView.of(row);
    });
  }

  public List<ProjectView> list() {
    return state.read(h -> h.attach(ProjectDao.class).list()).stream().map(ProjectView::of).toList();
  }

  public ProjectView byName(String name) {
    return state.read(h -> h.attach(ProjectDao.class).findByName(name == null ? "" : name)).map(ProjectView::of)
        .orElseThrow(() -> IdentityErrors.notFound("project", name));
  }

  public ProjectView byId(String id) {
    return state.read(h -> h.attach(ProjectDao.class).findById(id == null ? "" : id)).map(ProjectView::of)
        .orElseThrow(() -> new KeepException(KeepException.Kind.NOT_FOUND, "project-not-found", "no such project"));
  }

  /** The project with this id or, failing that, this name; empty when there is neither. */
  public java.util.Optional<ProjectView> find(String idOrName) {
    if (idOrName == null) {
      return java.util.Optional.empty();
    }
    return state.read(h -> {
      ProjectDao dao = h.attach(ProjectDao.class);
      return dao.findById(idOrName).or(() -> dao.findByName(idOrName));
    }).map(ProjectView::of);
  }

  public List<MemberView> members(String projectId) {
    return state.read(h -> h.attach(ProjectDao.class).members(projectId)).stream().map(MemberView::of).toList();
  }
}
