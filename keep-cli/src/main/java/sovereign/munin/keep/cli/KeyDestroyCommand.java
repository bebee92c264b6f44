package sovereign.munin.keep.cli;

import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;

/** {@code keep key destroy}: wipe a key's material for good. */
@Command(name = "destroy",
    header = "Destroy a key's material for good (a whole key needs a second person).",
    description = {"Destroy every version of a key for good, or with --version one archived or compromised",
        "version: material wiped, metadata and revocations kept. A whole key must be archived first, and",
        "takes two people: the first run asks, a second person's run (within 7 days) destroys it."})
final class KeyDestroyCommand implements Callable<Integer> {

  @ParentCommand KeyCommand key;

  // No standard help mixin: its --version (the build's) would clash with the key version option.
  @picocli.CommandLine.Option(names = {"-h", "--help"}, usageHelp = true,
      description = "Show this help message and exit.")
  boolean help;

  @Parameters(index = "0", paramLabel = "NAME", description = "The key.")
  String name;

  @picocli.CommandLine.Option(names = "--version", paramLabel = "N",
      description = "Only this version (an archived or compromised one); without it, the whole key.")
  Integer version;

  @Override
  public Integer call() {
    var r = key.keep.api().post(KeyCommand.path(name, "destroy"),
        version == null ? null : java.util.Map.of("version", version), key.keep.token());
    if (r.path("destruction").asText().equals("requested")) {
      var out = key.spec.commandLine().getOut();
      if (key.keep.json) {
        Output.json(out, r);
      } else {
        out.println("Destruction of '" + name + "' requested by you; nothing is destroyed yet: " + r.path("next")
            .asText() + ".");
      }
      return 0;
    }
    key.print(r);
    return 0;
  }
}
