package sovereign.munin.keep.cli;

import java.io.IOException;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;

/** {@code keep step-up}: a fresh MFA check for the signed-in user's sensitive commands. */
@Command(name = "step-up", mixinStandardHelpOptions = true,
    header = "Give a TOTP or recovery code so sensitive commands work for a few minutes.",
    description = {"Give a TOTP (or recovery) code so that sensitive commands work for the next minutes",
        "([sessions] step_up_minutes, default 5): key use and administration, approvals, reviews, user",
        "administration, backups, audit erasure. 'keep login' with a code counts as one too."})
final class StepUpCommand implements Callable<Integer> {

  @ParentCommand KeepCommand keep;
  @Spec CommandSpec spec;

  @Option(names = "--code", paramLabel = "CODE", description = "The code (prompted for when missing).")
  String code;

  @Override
  public Integer call() throws IOException {
    String c = code != null ? code : new Prompt().line("TOTP or recovery code: ");
    keep.api().post("/api/v1/auth/step-up", Map.of("code", c == null ? "" : c.strip()), keep.token());
    if (keep.json) {
      Output.json(spec.commandLine().getOut(), Map.of("steppedUp", true));
    } else {
      spec.commandLine().getOut().println("MFA check passed; sensitive commands work for the next few minutes.");
    }
    return 0;
  }
}
