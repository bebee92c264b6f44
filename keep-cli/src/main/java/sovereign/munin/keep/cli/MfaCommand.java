package sovereign.munin.keep.cli;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.net.URI;
import java.util.LinkedHashMap;
import java.util.Map;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;
import sovereign.munin.keep.app.KeepException;

/** {@code keep mfa}: enrol TOTP from the command line (passkeys are enrolled in the web console). */
@Command(name = "mfa", mixinStandardHelpOptions = true,
    header = "Your second factor: TOTP or a passkey ('keep login' first).",
    description = {"Second factor for the signed-in user ('keep login' first):",
        "  keep mfa totp       start TOTP enrolment: an otpauth:// URI and its secret, shown once",
        "  keep mfa confirm    finish it with a first code: 10 recovery codes, shown once",
        "Passkeys and security keys (WebAuthn) are enrolled in the web console."})
final class MfaCommand implements Runnable {

  @ParentCommand KeepCommand keep;
  @Spec CommandSpec spec;

  @Override
  public void run() {
    spec.commandLine().usage(spec.commandLine().getOut());
  }

  @Command(name = "totp", mixinStandardHelpOptions = true,
      header = "Start TOTP enrolment for an authenticator app.",
      description = {"Start TOTP enrolment. Put the URI (or the secret) into an authenticator app, then run",
          "'keep mfa confirm' with the code it shows. Until confirmed, login does not ask for a code."})
  int totp() {
    JsonNode r = keep.api().post("/api/v1/auth/mfa/totp", Map.of(), keep.token());
    String uri = r.path("otpauthUri").asText();
    Map<String, Object> out = new LinkedHashMap<>();
    out.put("otpauthUri", uri);
    out.put("secret", secretOf(uri));
    return print(out, String.join(System.lineSeparator(),
        "Add this to your authenticator app (shown once):",
        "  " + uri,
        "or type the secret by hand: " + secretOf(uri),
        "Then run: keep mfa confirm"));
  }

  @Command(name = "confirm", mixinStandardHelpOptions = true,
      description = "Finish TOTP enrolment with the app's current code; prints 10 one-use recovery codes.")
  int confirm(@Option(names = "--code", paramLabel = "CODE",
      description = "The 6-digit code (prompted for when missing).") String code) throws IOException {
    String c = code != null ? code : new Prompt().line("Code from your authenticator app: ");
    JsonNode r = keep.api().post("/api/v1/auth/mfa/totp/confirm", Map.of("code", c == null ? "" : c.strip()),
        keep.token());
    StringBuilder text = new StringBuilder("TOTP enrolled. Recovery codes (shown once; keep them offline, each "
        + "works once):");
    r.path("recoveryCodes").forEach(n -> text.append(System.lineSeparator()).append("  ").append(n.asText()));
    return print(r, text.toString());
  }

  private static String secretOf(String uri) {
    try {
      String query = URI.create(uri).getRawQuery();
      for (String part : query == null ? new String[0] : query.split("&")) {
        if (part.startsWith("secret=")) {
          return part.substring("secret=".length());
        }
      }
    } catch (IllegalArgumentException e) {
      // fall through: the server's answer was not a URI
    }
    throw new KeepException(KeepException.Kind.INTERNAL, "bad-otpauth-uri", "the server sent no usable otpauth URI");
  }

  private int print(Object json, String text) {
    if (keep.json) {
      Output.json(spec.commandLine().getOut(), json);
    } else {
      spec.commandLine().getOut().println(text);
    }
    return 0;
  }
}
