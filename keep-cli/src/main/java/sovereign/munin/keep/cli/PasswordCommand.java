package sovereign.munin.keep.cli;

import java.io.IOException;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;
import sovereign.munin.keep.app.KeepException;

/** {@code keep password}: change the signed-in user's password (the one-time password first of all). */
@Command(name = "password", mixinStandardHelpOptions = true,
    header = "Change your password ('keep login' first).",
    description = {"Change your password ('keep login' first). Asks for the current one and the new one twice;",
        "without a terminal, reads the three lines from standard input."})
final class PasswordCommand implements Callable<Integer> {

  @ParentCommand KeepCommand keep;
  @Spec CommandSpec spec;

  @Override
  public Integer call() throws IOException {
    Prompt prompt = new Prompt();
    String current = prompt.secret("Current password: ");
    String next = prompt.secret("New password: ");
    String again = prompt.secret("New password again: ");
    if (!next.equals(again)) {
      throw KeepException.badInput("password-mismatch", "the two new passwords differ; nothing was changed");
    }
    keep.api().post("/api/v1/auth/password", Map.of("current", current, "next", next), keep.token());
    if (keep.json) {
      Output.json(spec.commandLine().getOut(), Map.of("passwordChanged", true));
    } else {
      spec.commandLine().getOut().println("Password changed.");
    }
    return 0;
  }
}
