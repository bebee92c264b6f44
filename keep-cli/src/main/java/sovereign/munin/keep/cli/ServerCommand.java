package sovereign.munin.keep.cli;

import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;
import sovereign.munin.keep.app.config.ListenAddress;

/** {@code keep server}: serve an initialised data directory over HTTPS, starting sealed. */
@Command(name = "server", mixinStandardHelpOptions = true,
    description = {"Serve an initialised data directory over HTTPS (TLS 1.3), starting sealed.",
        "Custodians then unseal it with 'keep unseal --share FILE'."})
final class ServerCommand implements Callable<Integer> {

  @ParentCommand KeepCommand keep;
  @Spec CommandSpec spec;

  @Option(names = "--listen", paramLabel = "HOST:PORT",
      description = "Address to listen on (default: keep.toml's listen, normally 127.0.0.1:8443).")
  String listen;

  @Override
  public Integer call() {
    ListenAddress address = listen == null ? null : ListenAddress.parse(listen);
    keep.dataDirectory().checkUsable();
    if (address != null) {
      Serving.checkPortFree(address);
    }
    return Serving.serve(keep.dataDirectory(), address, spec.commandLine().getOut(), spec.commandLine().getErr());
  }
}
