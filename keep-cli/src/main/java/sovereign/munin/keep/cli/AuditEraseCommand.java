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
    description = {"Erase everything personal the audit log holds about one data subject: their key is destroyed",
        "and the sealed fields deleted. The log keeps salted commitments, so every proof stays valid.",
        "The erasure itself is logged."})
final class AuditEraseCommand implements Callable<Integer> {

  @ParentCommand AuditCommand audit;
  @Spec CommandSpec spec;

  @Option(names = "--subject", required = true, paramLabel = "S", description = "The data subject, e.g. an e-mail address.")
  String subject;

  @Override
  public Integer call() {
    KeepCommand keep = audit.keep;
    JsonNode r = keep.api().post("/api/v1/audit/erase", Map.of("subject", subject), keep.token());
    if (keep.json) {
      Output.json(spec.commandLine().getOut(), r);
    } else {
      spec.commandLine().getOut().println("Erased subject " + r.path("subjectId").asText() + ": "
          + r.path("fieldsDeleted").asLong() + " personal field(s) destroyed; proofs remain valid.");
    }
    return 0;
  }
}
