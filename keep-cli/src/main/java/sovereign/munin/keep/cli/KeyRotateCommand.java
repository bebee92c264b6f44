package sovereign.munin.keep.cli;

import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;

/** {@code keep key rotate}: activate the next version now. */
@Command(name = "rotate", mixinStandardHelpOptions = true,
    header = "Rotate a key now: the next version becomes active.",
    description = {"Rotate now: the next version becomes active;",
        "the old one only verifies and decrypts during the overlap."})
final class KeyRotateCommand implements Callable<Integer> {

  @ParentCommand KeyCommand key;

  @Parameters(index = "0", paramLabel = "NAME", description = "The key.")
  String name;

  @Override
  public Integer call() {
    key.print(key.keep.api().post(KeyCommand.path(name, "rotate"), null, key.keep.token()));
    return 0;
  }
}
