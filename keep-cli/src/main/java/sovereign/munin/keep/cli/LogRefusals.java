package sovereign.munin.keep.cli;

import sovereign.munin.keep.app.KeepException;
import sovereign.munin.keep.log.ForkException;
import sovereign.munin.keep.log.LogException;
import sovereign.munin.keep.log.ShrinkingTreeException;
import sovereign.munin.keep.log.VerifiedCheckpoint;
import sovereign.munin.keep.log.export.InconsistentTreeException;
import sovereign.munin.keep.log.witness.WitnessException;

/** Turns keep-log's refusals into messages that say what the evidence is, with stable types for scripts. */
final class LogRefusals {

  private LogRefusals() {}

  static KeepException of(LogException e, String olderWhat, String newerWhat) {
    return switch (e) {
      case ForkException fork -> new KeepException(KeepException.Kind.CONFLICT, "log-fork",
          "FORK: log " + fork.first().checkpoint().origin() + " signed two different trees of size "
              + fork.first().size() + ": root " + fork.first().root().toBase64() + " (" + olderWhat + ") and root "
              + fork.second().root().toBase64() + " (" + newerWhat + "); keep both checkpoints as evidence");
      case InconsistentTreeException fork -> new KeepException(KeepException.Kind.CONFLICT, "log-fork",
          "FORK: log " + fork.newer().checkpoint().origin() + " at size " + fork.newer().size() + " (root "
              + fork.newer().root().toBase64() + ", " + newerWhat + ") does not contain its tree of size "
              + fork.older().size() + " (root " + fork.older().root().toBase64() + ", " + olderWhat + ")");
      case ShrinkingTreeException shrink -> new KeepException(KeepException.Kind.CONFLICT, "log-shrank",
          "log " + shrink.older().checkpoint().origin() + " shrank: " + newerWhat + " has " + shrink.newer().size()
              + " entries, " + olderWhat + " already had " + shrink.older().size() + describe(shrink.older()));
      case WitnessException refused -> KeepException.badInput("witness-refused", refused.getMessage());
      default -> KeepException.badInput("export-invalid", e.getMessage());
    };
  }

  private static String describe(VerifiedCheckpoint checkpoint) {
    return " (root " + checkpoint.root().toBase64() + ")";
  }
}
