package sovereign.munin.keep.cli;

import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;

/** {@code keep key archive}: retire a whole key, material kept encrypted. */
@Command(name = "archive", mixinStandardHelpOptions = true,
    description = {"Archive a key:", "its material stays encrypted, but no version signs, verifies or decrypts."})
final class KeyArchiveCommand implements Callable<Integer> {

  @ParentCommand KeyCommand key;

  @Parameters(index = "0", paramLabel = "NAME", description = "The key.")
  String name;

  @Override
  public Integer call() {
    key.print(key.keep.api().post(KeyCommand.path(name, "archive"), null, key.keep.token()));
    return 0;
  }
}
