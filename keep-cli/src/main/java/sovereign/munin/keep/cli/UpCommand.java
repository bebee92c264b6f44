package sovereign.munin.keep.cli;

import java.security.SecureRandom;
import java.time.Clock;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;
import sovereign.munin.keep.app.InitRequest;
import sovereign.munin.keep.app.Initializer;
import sovereign.munin.keep.app.KeepException;
import sovereign.munin.keep.app.config.DataDirectory;
import sovereign.munin.keep.app.config.KeepConfig;
import sovereign.munin.keep.app.config.ListenAddress;

/** {@code keep up}: init if new (dev only), unseal (dev), and serve. */
@Command(name = "up", mixinStandardHelpOptions = true,
    header = "Start Munin Keep; with --dev, create, unseal and serve a dev instance.",
    description = {"Start Munin Keep. With --dev on a new data directory: create a dev instance, unseal it and",
        "serve it in one step. Without --dev: serve an existing instance (sealed until custodians unseal it)."})
final class UpCommand implements Callable<Integer> {

  @ParentCommand KeepCommand keep;
  @Spec CommandSpec spec;

  @Option(names = "--dev", description = "Dev mode: root key in a local file, unsealed at start. Not for production.")
  boolean dev;

  @Option(names = "--listen", paramLabel = "HOST:PORT",
      description = "Address to listen on (default: keep.toml's listen, normally 127.0.0.1:8443).")
  String listen;

  @Override
  public Integer call() {
    DataDirectory dir = keep.dataDirectory();
    ListenAddress address = listen == null ? null : ListenAddress.parse(listen);
    if (!dir.isInitialised()) {
      if (!dev) {
        throw new KeepException(KeepException.Kind.NOT_FOUND, "not-initialised", dir.root()
            + " holds no instance. For a production instance run 'keep init' (with shares) first;"
            + " to try Munin Keep, run 'keep up --dev'");
      }
      ListenAddress initAddress = address != null ? address : ListenAddress.DEFAULT;
      dir.checkFreshForInit();
      Serving.checkPortFree(initAddress);
      var result = new Initializer(Clock.systemUTC(), new SecureRandom()).init(InitRequest.dev(dir, initAddress));
      if (!keep.json) {
        spec.commandLine().getOut().println("Created dev instance " + result.instanceId() + " in " + dir.root());
      }
    } else {
      boolean isDev = KeepConfig.load(dir, System.getenv()).dev();
      if (dev && !isDev) {
        throw KeepException.badInput("not-dev-instance", dir.root() + " is a production instance; start it with "
            + "'keep up' or 'keep server' (without --dev) and unseal it with custodians' shares");
      }
      if (address != null) {
        Serving.checkPortFree(address);
      }
    }
    return Serving.serve(dir, address, spec.commandLine().getOut(), spec.commandLine().getErr());
  }
}
