package sovereign.munin.keep.cli;

import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;

/** {@code keep key destroy}: wipe a key's material for good. */
@Command(name = "destroy", mixinStandardHelpOptions = true,
    description = {"Destroy every version of a key for good:", "material wiped, metadata and revocations kept."})
final class KeyDestroyCommand implements Callable<Integer> {

  @ParentCommand KeyCommand key;

  @Parameters(index = "0", paramLabel = "NAME", description = "The key.")
  String name;

  @Override
  public Integer call() {
    key.print(key.keep.api().post(KeyCommand.path(name, "destroy"), null, key.keep.token()));
    return 0;
  }
}
