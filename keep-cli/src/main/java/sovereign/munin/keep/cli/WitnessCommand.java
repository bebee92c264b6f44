package sovereign.munin.keep.cli;

import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;

/** {@code keep witness}: cosign exported audit-log checkpoints on a separate, offline machine. */
@Command(name = "witness", mixinStandardHelpOptions = true,
    description = "Witness an exported audit log on a separate machine: check it only grows, then cosign it.",
    subcommands = {WitnessInitCommand.class, WitnessCosignCommand.class})
final class WitnessCommand implements Runnable {

  @ParentCommand KeepCommand keep;
  @Spec CommandSpec spec;

  @Override
  public void run() {
    spec.commandLine().usage(spec.commandLine().getOut());
  }
}
