package sovereign.munin.keep.cli;

import java.io.PrintWriter;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;
import sovereign.munin.keep.app.KeepException;
import sovereign.munin.keep.app.audit.OfflineAudit;
import sovereign.munin.keep.app.audit.VerifyReport;
import sovereign.munin.keep.app.config.DataDirectory;
import sovereign.munin.keep.app.config.KeepConfig;
import sovereign.munin.keep.log.VerifierKey;

/** {@code keep audit verify}: recompute the whole log from the stored events and check everything. */
@Command(name = "verify", mixinStandardHelpOptions = true,
    header = "Recompute the whole log from the database and check every hash and signature.",
    description = {"Recompute the Merkle tree from every stored event of the data directory's database and check",
        "every stored hash and every signed checkpoint. Works on the database directly (no unseal needed, the",
        "server may be running). Exit 0 when all is consistent, 1 with one line per problem otherwise."})
final class AuditVerifyCommand implements Callable<Integer> {

  @ParentCommand AuditCommand audit;
  @Spec CommandSpec spec;

  @Option(names = "--key", paramLabel = "VKEY", arity = "1..*",
      description = "The log's verifier keys to trust: each a vkey, or @FILE with one per line (as 'keep audit "
          + "verify-export --key @FILE'). Default: those pinned at init in the data directory (audit-keys.pin).")
  List<String> keys;

  @Option(names = "--trust-database-keys", description = "Trust the keys stored in the database when none are "
      + "pinned (a history rewritten with new keys would pass).")
  boolean trustDatabaseKeys;

  @Override
  public Integer call() {
    KeepCommand keep = audit.keep;
    DataDirectory dir = keep.dataDirectory();
    dir.checkUsable();
    KeepConfig config = KeepConfig.load(dir, System.getenv());
    PrintWriter out = spec.commandLine().getOut();
    PrintWriter err = spec.commandLine().getErr();
    TrustedLogKeys trusted = TrustedLogKeys.resolve(keys, dir, trustDatabaseKeys, "the database",
        "--trust-database-keys");
    List<VerifierKey> pinned = trusted.keys();
    try (OfflineAudit log = OfflineAudit.open(config)) {
      long[] lastShown = {0};
      VerifyReport r = log.verify(pinned, n -> {
        if (!keep.json && n - lastShown[0] >= 100_000) {
          lastShown[0] = n;
          err.print("\rverified " + n + " events");
          err.flush();
        }
      });
      if (!keep.json && lastShown[0] > 0) {
        err.println();
      }
      if (keep.json) {
        Output.json(out, r);
      } else {
        out.println((r.ok() ? "OK: " : "FAILED: ") + r.eventsChecked() + " events, " + r.hashesChecked()
            + " stored hashes, " + r.checkpointsChecked() + " signed checkpoints checked in " + r.millis() + " ms");
        out.println(trusted.describe());
        if (r.pendingEvents() > 0) {
          out.println(r.pendingEvents() + " event(s) not yet integrated (the sequencer adds them when unsealed)");
        }
        r.problems().forEach(p -> out.println("problem: " + p));
        if (r.problemsTruncated()) {
          out.println("problem: (more problems were found than are listed)");
        }
      }
      return r.ok() ? 0 : 1;
    }
  }
}
