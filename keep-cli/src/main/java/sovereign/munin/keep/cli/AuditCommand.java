package sovereign.munin.keep.cli;

import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;

/** {@code keep audit}: the tamper-evident audit log. */
@Command(name = "audit", mixinStandardHelpOptions = true,
    description = "The tamper-evident audit log: checkpoints, proofs, search, verification, export, erasure.",
    subcommands = {AuditKeyCommand.class, AuditCheckpointCommand.class, AuditProofCommand.class,
        AuditConsistencyCommand.class, AuditSearchCommand.class, AuditVerifyCommand.class, AuditExportCommand.class, AuditVerifyExportCommand.class,
        AuditEraseCommand.class, AuditWitnessAddCommand.class, AuditImportCosignaturesCommand.class})
final class AuditCommand implements Runnable {

  @ParentCommand KeepCommand keep;
  @Spec CommandSpec spec;

  @Override
  public void run() {
    spec.commandLine().usage(spec.commandLine().getOut());
  }
}
