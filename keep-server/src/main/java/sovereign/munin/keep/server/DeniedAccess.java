package sovereign.munin.keep.server;

import io.javalin.http.Context;
import java.util.LinkedHashMap;
import java.util.Map;
import sovereign.munin.keep.app.KeepException;
import sovereign.munin.keep.app.KeepInstance;
import sovereign.munin.keep.app.audit.AuditEvent;

/**
 * Writes an {@code access.denied} audit event when a known caller is refused by the route check (missing
 * permission, another project, token scope, step-up, CSRF). Anonymous refusals are not logged here: nobody can be
 * named, and failed logins already write their own events.
 */
final class DeniedAccess {

  private final KeepInstance instance;
  private final Authenticator auth;

  DeniedAccess(KeepInstance instance, Authenticator auth) {
    this.instance = instance;
    this.auth = auth;
  }

  /** The caller for {@code route}, recording the refusal before it is rethrown. */
  Caller check(Context ctx, RouteSpec route) {
    try {
      return auth.check(ctx, route);
    } catch (KeepException e) {
      if (e.kind() == KeepException.Kind.FORBIDDEN) {
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
    Map<String, Object> details = new LinkedHashMap<>();
    details.put("route", route.method() + " " + route.path());
    details.put("needs", route.access());
    details.put("reason", e.type());
    AuditEvent event = AuditEvent.failure(caller.auditId(), "access.denied", ctx.method().name() + " " + ctx.path(),
        details);
    if (route.projectParam() != null) {
      event = event.inProject(ctx.pathParam(route.projectParam()));
    }
    AuditEvent denied = event;
    instance.state().transaction(h -> {
      instance.audit().record(h, denied);
      return null;
    });
  }
}
