package sovereign.munin.keep.cli;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;

/** {@code keep audit erase}: GDPR erasure of one data subject's personal fields. */
@Command(name = "erase", mixinStandardHelpOptions = true,
    header = "Erase a data subject's or a user's personal data; every proof stays valid.",
    description = {"Erase everything personal the audit log holds about one data subject: their key is destroyed",
        "and the sealed fields deleted. The log keeps salted commitments, so every proof stays valid.",
        "The erasure itself is logged."})
final class AuditEraseCommand implements Callable<Integer> {

  @ParentCommand AuditCommand audit;
  @Spec CommandSpec spec;

  static final class Who {
    @Option(names = "--subject", required = true, paramLabel = "S",
        description = "The data subject, e.g. an e-mail address, or user:<id>.")
    String subject;

    @Option(names = "--user", required = true, paramLabel = "NAME",
        description = "A user by name (disable them first): their audit fields, the free text of their access "
            + "requests and denials, and their name.")
    String user;
  }

  @picocli.CommandLine.ArgGroup(exclusive = true, multiplicity = "1")
  Who who;

  @Override
  public Integer call() {
    KeepCommand keep = audit.keep;
    JsonNode r = keep.api().post("/api/v1/audit/erase", who.user != null ? Map.of("user", who.user)
        : Map.of("subject", who.subject), keep.token());
    if (keep.json) {
      Output.json(spec.commandLine().getOut(), r);
    } else {
      spec.commandLine().getOut().println("Erased subject " + r.path("subjectId").asText() + ": "
          + r.path("fieldsDeleted").asLong() + " personal field(s) destroyed" + (r.path("identityRowsErased")
          .asLong() > 0 ? ", " + r.path("identityRowsErased").asLong() + " account and request row(s) cleared" : "")
          + "; proofs remain valid.");
      if (!r.path("scrubbed").asBoolean(true)) {
        spec.commandLine().getErr().println("warning: the database's write-ahead log could not be emptied yet "
            + "(busy readers); old copies of the erased data remain in it until the next checkpoint");
      }
    }
    return 0;
  }
}
