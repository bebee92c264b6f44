package sovereign.munin.keep.server;

import io.javalin.http.Context;
import java.util.Objects;

/**
 * One API route and what it needs: {@code access} is {@link #PUBLIC}, {@link #AUTHENTICATED} or a governance
 * permission id; {@code projectParam} names the path parameter holding the project the permission is checked
 * against; {@code stepUp} asks session callers for a recent MFA check.
 */
record RouteSpec(String method, String path, String access, String projectParam, boolean stepUp, String summary,
    Handler handler) {

  static final String PUBLIC = "public";
  static final String AUTHENTICATED = "authenticated";

  /** A route body, given the authorised caller (null on public routes). */
  @FunctionalInterface
  interface Handler {
    void handle(Context ctx, Caller caller) throws Exception;
  }

  RouteSpec {
    Objects.requireNonNull(method, "method");
    Objects.requireNonNull(path, "path");
    Objects.requireNonNull(access, "access");
    Objects.requireNonNull(summary, "summary");
    Objects.requireNonNull(handler, "handler");
    if (!access.equals(PUBLIC) && !access.equals(AUTHENTICATED)
        && sovereign.munin.keep.governance.Permission.fromId(access).isEmpty()) {
      throw new IllegalArgumentException("unknown permission '" + access + "' on " + method + " " + path);
    }
  }
}
