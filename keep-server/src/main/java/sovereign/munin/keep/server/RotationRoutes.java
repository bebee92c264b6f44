package sovereign.munin.keep.server;

import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.Map;
import sovereign.munin.keep.app.KeepException;
import sovereign.munin.keep.app.KeepInstance;
import sovereign.munin.keep.app.keys.RotationScheduler;
import sovereign.munin.keep.governance.Permission;

/** Runs the rotation policy on demand; a simulated "now" is accepted only by a dev instance, for demos. */
final class RotationRoutes {

  /** Body of a rotate-due call; {@code now} is an ISO-8601 instant or absent. */
  record RotateDueRequest(String now) {}

  private RotationRoutes() {}

  static void register(RouteTable t, KeepInstance instance, RotationScheduler rotation) {
    t.post("/api/v1/keys/rotate-due").needs(Permission.KEY_MANAGE).on(Resource.EVERYWHERE).by(CallerKind.PEOPLE)
        .stepUp().does("Run the rotation policy now (a dev instance accepts a simulated time)", (ctx, caller) -> {
      RotateDueRequest req = ctx.body().isBlank() ? new RotateDueRequest(null) : KeyRoutes.body(ctx,
          RotateDueRequest.class);
      if (req.now() == null || req.now().isBlank()) {
        ctx.json(Map.of("actions", rotation.runDue()));
        return;
      }
      if (!instance.config().dev()) {
        throw KeepException.badInput("now-dev-only", "a simulated time (--now) is accepted only by a dev "
            + "instance; production rotation always follows the server clock");
      }
      try {
        ctx.json(Map.of("now", req.now(), "actions", rotation.runDueAt(Instant.parse(req.now().strip()))));
      } catch (DateTimeParseException e) {
        throw KeepException.badInput("bad-time", "'" + req.now() + "' is not an ISO-8601 instant");
      }
    });
  }
}
