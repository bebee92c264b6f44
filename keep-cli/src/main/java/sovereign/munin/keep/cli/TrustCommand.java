package sovereign.munin.keep.cli;

import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;

/** {@code keep trust}: the signed trust file for offline verifiers. */
@Command(name = "trust", mixinStandardHelpOptions = true,
    description = "The signed trust file: public keys, validity windows and revocations for offline verifiers.",
    subcommands = {TrustExportCommand.class, TrustVerifyCommand.class})
final class TrustCommand implements Runnable {

  @ParentCommand KeepCommand keep;
  @Spec CommandSpec spec;

  @Override
  public void run() {
    spec.commandLine().usage(spec.commandLine().getOut());
  }
}
