package sovereign.munin.keep.cli;

import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;

/** {@code keep key show}: one key in detail. */
@Command(name = "show", mixinStandardHelpOptions = true,
    description = "Show a key, its rotation policy and every version.")
final class KeyShowCommand implements Callable<Integer> {

  @ParentCommand KeyCommand key;

  @Parameters(index = "0", paramLabel = "NAME", description = "The key.")
  String name;

  @Override
  public Integer call() {
    key.print(key.keep.api().get(KeyCommand.path(name, null), key.keep.token()));
    return 0;
  }
}
