package sovereign.munin.keep.cli;

import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;

/** {@code keep key min-decryption-version}: close old versions for decryption, deliberately. */
@Command(name = "min-decryption-version", mixinStandardHelpOptions = true,
    header = "Close the versions below N for decryption, deliberately.",
    description = {"Close the versions below N of an encryption key for decryption; they still verify, and the",
        "floor only rises. Rewrap what they encrypted first ('keep key rewrap')."})
final class KeyMinDecryptionVersionCommand implements Callable<Integer> {

  @ParentCommand KeyCommand key;

  @Parameters(index = "0", paramLabel = "NAME", description = "The key.")
  String name;

  @Parameters(index = "1", paramLabel = "N", description = "The lowest version that still decrypts.")
  int version;

  @Override
  public Integer call() {
    key.print(key.keep.api().post(KeyCommand.path(name, "min-decryption-version"), Map.of("version", version),
        key.keep.token()));
    return 0;
  }
}
