package sovereign.munin.keep.cli;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;

/** {@code keep logout}: revokes the token from {@code keep login} and deletes DATA/cli.token. */
@Command(name = "logout", mixinStandardHelpOptions = true,
    description = "Revoke the command-line token on the server and delete DATA/cli.token.")
final class LogoutCommand implements Callable<Integer> {

  @ParentCommand KeepCommand keep;
  @Spec CommandSpec spec;

  @Override
  public Integer call() throws java.io.IOException {
    Path file = keep.dataDirectory().cliToken();
    keep.api().post("/api/v1/auth/logout", Map.of(), keep.token());
    boolean deleted = Files.deleteIfExists(file);
    if (keep.json) {
      Output.json(spec.commandLine().getOut(), Map.of("loggedOut", true, "tokenFileDeleted", deleted));
    } else {
      spec.commandLine().getOut().println("Signed out" + (deleted ? "; deleted " + file : "") + ".");
    }
    return 0;
  }
}
