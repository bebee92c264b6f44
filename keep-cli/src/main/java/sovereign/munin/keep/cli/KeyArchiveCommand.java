package sovereign.munin.keep.cli;

import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;

/** {@code keep key archive}: retire a whole key, material kept encrypted. */
@Command(name = "archive",
    header = "Archive a key, or one retired version: it no longer signs or decrypts.",
    description = {"Archive a key, or with --version one retired version:",
        "its material stays encrypted, but it no longer signs, verifies or decrypts."})
final class KeyArchiveCommand implements Callable<Integer> {

  @ParentCommand KeyCommand key;

  // No standard help mixin: its --version (the build's) would clash with the key version option.
  @picocli.CommandLine.Option(names = {"-h", "--help"}, usageHelp = true,
      description = "Show this help message and exit.")
  boolean help;

  @Parameters(index = "0", paramLabel = "NAME", description = "The key.")
  String name;

  @picocli.CommandLine.Option(names = "--version", paramLabel = "N",
      description = "Only this version (a retired one); without it, the whole key.")
  Integer version;

  @Override
  public Integer call() {
    key.print(key.keep.api().post(KeyCommand.path(name, "archive"),
        version == null ? null : java.util.Map.of("version", version), key.keep.token()));
    return 0;
  }
}
