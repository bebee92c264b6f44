package sovereign.munin.keep.server;

import io.javalin.http.Context;
import java.util.LinkedHashMap;
import java.util.Map;
import sovereign.munin.keep.app.KeepException;

/** Writes RFC 9457 problem+json bodies with a stable {@code type} URI per failure. */
final class Problems {

  static final String TYPE_PREFIX = "urn:munin-keep:problem:";

  private Problems() {}

  static void write(Context ctx, int status, String type, String title, String detail) {
    Map<String, Object> body = new LinkedHashMap<>();
    body.put("type", TYPE_PREFIX + type);
    body.put("title", title);
    body.put("status", status);
    body.put("detail", detail);
    body.put("instance", ctx.path());
    ctx.status(status);
    ctx.json(body);
    ctx.contentType("application/problem+json");
  }

  static void write(Context ctx, KeepException e) {
    write(ctx, e.kind().httpStatus(), e.type(), title(e.kind()), e.getMessage());
  }

  static String title(KeepException.Kind kind) {
    return switch (kind) {
      case BAD_INPUT -> "Bad request";
      case UNAUTHENTICATED -> "Authentication required";
      case FORBIDDEN -> "Not allowed";
      case NOT_FOUND -> "Not found";
      case CONFLICT -> "Conflict";
      case SEALED -> "Sealed";
      case UNAVAILABLE -> "Unavailable";
      case INTERNAL -> "Internal error";
    };
  }
}
