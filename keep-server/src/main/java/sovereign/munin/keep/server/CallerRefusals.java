package sovereign.munin.keep.server;

import java.util.stream.Collectors;
import sovereign.munin.keep.app.KeepException;

/** The refusal for a caller of a kind the route does not admit, saying what would be admitted. */
final class CallerRefusals {

  private CallerRefusals() {}

  static KeepException of(Caller caller, RouteSpec route, io.javalin.http.Context ctx) {
    String key = route.resource().kind() == Resource.Kind.KEY ? ctx.pathParam(route.resource().param()) : "NAME";
    String admitted = route.callers().stream().map(CallerKind::id).sorted().collect(Collectors.joining(", "));
    return switch (caller.kind()) {
      case KEY_TOKEN -> refused("token-key-scope", "this token is narrowed to the keys "
          + String.join(", ", caller.tokenKeys().stream().sorted().toList()) + " and may only sign, verify, "
          + "encrypt, decrypt with them or export their public keys");
      case MACHINE_TOKEN -> route.callers().contains(CallerKind.KEY_TOKEN)
          ? refused("key-scoped-token-required", "a machine token uses a private key only when it is narrowed to "
              + "that key: mint one with 'keep token create --label L --project P --key " + key + "' (POST "
              + "/api/v1/tokens with \"keys\": [\"" + key + "\"])")
          : refused("person-required", "this action needs a person (a browser session, or 'keep login'), not a "
              + "machine token; it admits: " + admitted);
      case BOOTSTRAP -> refused("user-required", "this call is for signed-in users, not for the bootstrap token; "
          + "it admits: " + admitted);
      case SESSION, LOGIN_TOKEN -> refused("caller-kind-refused", "this call does not admit a "
          + caller.kind().id() + "; it admits: " + admitted);
    };
  }

  private static KeepException refused(String type, String message) {
    return new KeepException(KeepException.Kind.FORBIDDEN, type, message);
  }
}
