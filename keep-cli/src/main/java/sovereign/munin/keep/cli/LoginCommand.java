package sovereign.munin.keep.cli;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;
import sovereign.munin.keep.app.KeepException;
import sovereign.munin.keep.app.config.PrivateFiles;

/** {@code keep login}: password and TOTP code give an API token for this user, kept in DATA/cli.token. */
@Command(name = "login", mixinStandardHelpOptions = true,
    header = "Sign in with name, password and (if enrolled) a TOTP code.",
    description = {"Sign in with name, password and (if enrolled) a TOTP code. The token the server issues for",
        "the command line is written to DATA/cli.token (mode 0600); KEEP_TOKEN still overrides it."})
final class LoginCommand implements Callable<Integer> {

  @ParentCommand KeepCommand keep;
  @Spec CommandSpec spec;

  @Option(names = "--name", paramLabel = "NAME", description = "User name (prompted for when missing).")
  String name;

  @Option(names = "--code", paramLabel = "CODE", description = "TOTP or recovery code (prompted for when missing;"
      + " leave empty when no MFA is enrolled).")
  String code;

  @Override
  public Integer call() throws IOException {
    Prompt prompt = new Prompt();
    String user = name != null ? name : prompt.line("Name: ");
    String password = prompt.secret("Password: ");
    String otp = code != null ? code : prompt.line("TOTP code (empty if none): ");
    Map<String, Object> body = new LinkedHashMap<>();
    body.put("name", user);
    body.put("password", password);
    if (otp != null && !otp.isBlank()) {
      body.put("code", otp.strip());
    }
    body.put("cliToken", true);
    JsonNode r = keep.api().post("/api/v1/auth/login", body, null);
    if (r.path("mfaRequired").asBoolean()) {
      throw new KeepException(KeepException.Kind.UNAUTHENTICATED, "security-key-required", "this account signs in "
          + "with a passkey or security key, which the command line cannot use: give a TOTP or recovery code with "
          + "--code, or sign in to the web console and use an API token minted there (POST /api/v1/tokens)");
    }
    Path file = keep.dataDirectory().cliToken();
    Files.createDirectories(file.getParent());
    Files.deleteIfExists(file);
    PrivateFiles.write(file, (r.path("token").asText() + "\n").getBytes(StandardCharsets.US_ASCII));
    Map<String, Object> out = new LinkedHashMap<>();
    out.put("user", user);
    out.put("role", r.path("role").asText());
    out.put("mustChangePassword", r.path("mustChangePassword").asBoolean());
    out.put("mfaEnrolled", r.path("mfaEnrolled").asBoolean());
    out.put("tokenFile", file.toString());
    if (keep.json) {
      Output.json(spec.commandLine().getOut(), out);
    } else {
      spec.commandLine().getOut().println("Signed in as " + user + "; token saved in " + file + ".");
      if (r.path("mustChangePassword").asBoolean()) {
        spec.commandLine().getOut().println("Change your one-time password now: keep password");
      }
    }
    return 0;
  }
}
