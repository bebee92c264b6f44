package sovereign.munin.keep.cli;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;

/** {@code keep key custodian}: enrol one's own backup custodian key; others approve it. */
@Command(name = "custodian", mixinStandardHelpOptions = true,
    header = "Backup custodians: enrol your own key; two others approve it.",
    description = {"Backup custodians: each person enrols their own key ('enrol --pub NAME.pub'); two other people",
        "who manage keys approve it ('approve KEYID'); only approved keys receive a share of a backup."},
    subcommands = {KeyCustodianCommand.Enrol.class, KeyCustodianCommand.ListAll.class,
        KeyCustodianCommand.Approve.class, KeyCustodianCommand.Remove.class})
final class KeyCustodianCommand implements Runnable {

  @ParentCommand KeyCommand key;
  @Spec CommandSpec spec;

  @Override
  public void run() {
    spec.commandLine().usage(spec.commandLine().getOut());
  }

  /** POSTs {@code verb} (approve, remove) for one custodian key. */
  JsonNode act(String keyId, String verb) {
    return key.keep.api().post("/api/v1/custodians/" + keyId + "/" + verb, null, key.keep.token());
  }

  void print(JsonNode c) {
    var out = key.spec.commandLine().getOut();
    if (key.keep.json) {
      Output.json(out, c);
      return;
    }
    out.println(c.path("keyId").asText() + "  " + c.path("user").asText() + "  " + c.path("state").asText()
        + "  approved by: " + (c.path("approvedBy").isEmpty() ? "nobody yet" : c.path("approvedBy").toString()));
  }

  @Command(name = "enrol", mixinStandardHelpOptions = true,
      description = "Enrol your own custodian key (the .pub that 'keep key generate --type ml-kem-768-x25519' wrote).")
  static final class Enrol implements Callable<Integer> {
    @ParentCommand KeyCustodianCommand custodian;

    @Option(names = "--pub", required = true, paramLabel = "FILE", description = "Your hybrid public key (PEM).")
    Path pub;

    @Override
    public Integer call() {
      String pem = new String(KeyFiles.read(pub, 16 * 1024), StandardCharsets.US_ASCII);
      var k = custodian.key.keep;
      custodian.print(k.api().post("/api/v1/custodians", Map.of("publicKey", pem), k.token()));
      return 0;
    }
  }

  @Command(name = "list", mixinStandardHelpOptions = true, description = "Enrolled custodian keys and their state.")
  static final class ListAll implements Callable<Integer> {
    @ParentCommand KeyCustodianCommand custodian;

    @Override
    public Integer call() {
      var k = custodian.key.keep;
      JsonNode all = k.api().get("/api/v1/custodians", k.token());
      if (k.json) {
        Output.json(custodian.key.spec.commandLine().getOut(), all);
      } else if (all.isEmpty()) {
        custodian.key.spec.commandLine().getOut().println("No custodian keys enrolled yet.");
      } else {
        all.forEach(custodian::print);
      }
      return 0;
    }
  }

  @Command(name = "approve", mixinStandardHelpOptions = true,
      description = "Approve someone else's custodian key; it takes two approvals.")
  static final class Approve implements Callable<Integer> {
    @ParentCommand KeyCustodianCommand custodian;

    @Parameters(index = "0", paramLabel = "KEYID", description = "The custodian key id ('keep key custodian list').")
    String keyId;

    @Override
    public Integer call() {
      custodian.print(custodian.act(keyId, "approve"));
      return 0;
    }
  }

  @Command(name = "remove", mixinStandardHelpOptions = true,
      description = "Take a custodian key out of future backups (backups made already still open with it).")
  static final class Remove implements Callable<Integer> {
    @ParentCommand KeyCustodianCommand custodian;

    @Parameters(index = "0", paramLabel = "KEYID", description = "The custodian key id.")
    String keyId;

    @Override
    public Integer call() {
      custodian.act(keyId, "remove");
      custodian.key.spec.commandLine().getOut().println("Removed custodian key " + keyId + " from future backups.");
      return 0;
    }
  }
}
