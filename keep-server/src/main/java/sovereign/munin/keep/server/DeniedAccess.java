package sovereign.munin.keep.server;

import io.javalin.http.Context;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import sovereign.munin.keep.app.KeepException;
import sovereign.munin.keep.app.KeepInstance;
import sovereign.munin.keep.app.audit.AuditEvent;

/**
 * Writes an {@code access.denied} audit event when a known caller is refused by the route check (missing
 * permission, hidden resource, caller kind, token scope, step-up, CSRF). Repeats of one refusal (same caller,
 * route, reason and project) within {@link #WINDOW_MS} are counted, not written: the next event after the window
 * carries how many were folded into it, so a caller hammering a route cannot flood the log. Anonymous refusals are
 * not logged here: nobody can be named, and failed logins already write their own events.
 */
final class DeniedAccess {

  static final long WINDOW_MS = 60_000;
  private static final int MAX_TRACKED = 10_000;

  /** A refusal seen in the current window: when it was last written, and how many repeats were folded since. */
  private record Seen(long writtenAt, int folded) {}

  private final KeepInstance instance;
  private final Authenticator auth;
  private final Map<String, Seen> recent = new ConcurrentHashMap<>();

  DeniedAccess(KeepInstance instance, Authenticator auth) {
    this.instance = instance;
    this.auth = auth;
  }

  /** The caller for {@code route}, recording the refusal before it is rethrown. */
  Authorised check(Context ctx, RouteSpec route) {
    try {
      return auth.check(ctx, route);
    } catch (KeepException e) {
      if (e.kind() == KeepException.Kind.FORBIDDEN || e instanceof HiddenResource) {
        record(ctx, route, e);
      }
      throw e;
    }
  }

  private void record(Context ctx, RouteSpec route, KeepException e) {
    Caller caller = auth.authenticate(ctx).orElse(null);
    if (caller == null || instance.seal().isSealed()) {
      return;
    }
    String project = projectOf(ctx, route);
    String key = caller.auditId() + "|" + route.method() + " " + route.path() + "|" + e.type() + "|" + project;
    long now = instance.clock().millis();
    // -1: folded into the window's event; otherwise written, carrying the repeats folded in the window before.
    long[] folded = {-1};
    recent.compute(key, (k, seen) -> {
      if (seen == null || now - seen.writtenAt() >= WINDOW_MS) {
        folded[0] = seen == null ? 0 : seen.folded();
        return new Seen(now, 0);
      }
      return new Seen(seen.writtenAt(), seen.folded() + 1);
    });
    if (folded[0] < 0) {
      return;
    }
    if (recent.size() > MAX_TRACKED) {
      recent.entrySet().removeIf(en -> now - en.getValue().writtenAt() >= WINDOW_MS);
    }
    Map<String, Object> details = new LinkedHashMap<>();
    details.put("route", route.method() + " " + route.path());
    details.put("needs", route.access());
    details.put("caller", caller.kind().id());
    details.put("reason", e instanceof HiddenResource ? "hidden:" + e.type() : e.type());
    if (folded[0] > 0) {
      details.put("repeatsFoldedBefore", folded[0]);
    }
    AuditEvent event = AuditEvent.failure(caller.auditId(), "access.denied", ctx.method().name() + " " + ctx.path(),
        details);
    AuditEvent denied = project == null ? event : event.inProject(project);
    instance.audit().recordNow(denied);
  }

  /** The project the refused request named, when its declaration scopes it to one that exists. */
  private String projectOf(Context ctx, RouteSpec route) {
    if (!route.resource().projectScoped()) {
      return null;
    }
    try {
      return route.resource().lookup().find(ctx).map(Target::projectId).orElse(null);
    } catch (KeepException e) {
      return null;
    }
  }
}
