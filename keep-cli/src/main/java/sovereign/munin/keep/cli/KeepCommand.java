package sovereign.munin.keep.cli;

import java.nio.file.Files;
import java.nio.file.Path;
import picocli.CommandLine.Command;
import picocli.CommandLine.IVersionProvider;
import picocli.CommandLine.Option;
import picocli.CommandLine.ScopeType;
import sovereign.munin.keep.app.KeepException;
import sovereign.munin.keep.app.Version;
import sovereign.munin.keep.app.config.DataDirectory;
import sovereign.munin.keep.app.config.KeepConfig;

/** The top-level {@code keep} command and the options every subcommand shares. */
@Command(name = "keep", mixinStandardHelpOptions = true, versionProvider = KeepCommand.VersionInfo.class,
    description = {"Munin Keep: the security backbone for air-gapped organisations.", ""},
    subcommands = {UpCommand.class, InitCommand.class, ServerCommand.class, UnsealCommand.class,
        SealCommand.class, StatusCommand.class, AuditCommand.class, WitnessCommand.class, KeyCommand.class,
        TrustCommand.class, LoginCommand.class, LogoutCommand.class, UserCommand.class, ProjectCommand.class,
        AccessCommand.class, MfaCommand.class, PasswordCommand.class, StepUpCommand.class, TokenCommand.class,
        picocli.CommandLine.HelpCommand.class},
    footer = {"", "Exit status: 0 ok, 1 refused (bad input or state), 2 usage error,",
        "3 sealed or unavailable, 4 not authorised, 70 internal error.",
        "Environment: KEEP_HOME (data directory), KEEP_SERVER, KEEP_CA, KEEP_TOKEN."})
public final class KeepCommand implements Runnable {

  @Option(names = "--data", scope = ScopeType.INHERIT, paramLabel = "DIR",
      description = "Data directory (default: $KEEP_HOME, else ./keep-data).")
  Path data;

  @Option(names = "--server", scope = ScopeType.INHERIT, paramLabel = "URL",
      description = "Server URL (default: $KEEP_SERVER, else the data directory's listen address, else https://127.0.0.1:8443).")
  String server;

  @Option(names = "--ca", scope = ScopeType.INHERIT, paramLabel = "FILE",
      description = "CA certificate to trust for the server (default: $KEEP_CA, else DATA/tls/server.crt).")
  Path ca;

  @Option(names = "--json", scope = ScopeType.INHERIT, description = "Print results as JSON for scripts.")
  boolean json;

  @picocli.CommandLine.Spec
  picocli.CommandLine.Model.CommandSpec spec;

  @Override
  public void run() {
    spec.commandLine().usage(spec.commandLine().getOut());
  }

  DataDirectory dataDirectory() {
    if (data != null) {
      return new DataDirectory(data);
    }
    String home = System.getenv("KEEP_HOME");
    return new DataDirectory(Path.of(home != null && !home.isBlank() ? home : "keep-data"));
  }

  String serverUrl() {
    if (server != null) {
      return server;
    }
    String env = System.getenv("KEEP_SERVER");
    if (env != null && !env.isBlank()) {
      return env;
    }
    DataDirectory dir = dataDirectory();
    if (dir.isInitialised()) {
      try {
        // Where its server said it listens (keep server --listen ...), else the address in keep.toml.
        if (java.nio.file.Files.isRegularFile(dir.serverUrl()) && java.nio.file.Files.size(dir.serverUrl()) < 300) {
          String recorded = java.nio.file.Files.readString(dir.serverUrl()).strip();
          if (recorded.startsWith("https://")) {
            return recorded;
          }
        }
        return KeepConfig.load(dir, System.getenv()).listen().url();
      } catch (java.io.IOException e) {
        return "https://127.0.0.1:8443";
      } catch (KeepException e) {
        // Fall back to the default address; the request will say if nothing answers there.
      }
    }
    return "https://127.0.0.1:8443";
  }

  Path caFile() {
    if (ca != null) {
      return ca;
    }
    String env = System.getenv("KEEP_CA");
    if (env != null && !env.isBlank()) {
      return Path.of(env);
    }
    return dataDirectory().tlsCert();
  }

  /** The API token: $KEEP_TOKEN, else the one 'keep login' saved, else the dev admin token. */
  String token() {
    String env = System.getenv("KEEP_TOKEN");
    if (env != null && !env.isBlank()) {
      return env.strip();
    }
    Path dev = Files.isReadable(dataDirectory().cliToken()) ? dataDirectory().cliToken()
        : dataDirectory().devAdminToken();
    if (Files.isReadable(dev)) {
      try {
        return Files.readString(dev).strip();
      } catch (java.io.IOException e) {
        throw KeepException.badInput("token-unreadable", "cannot read " + dev + ": " + e.getMessage());
      }
    }
    throw new KeepException(KeepException.Kind.UNAUTHENTICATED, "token-missing",
        "this command needs an API token: run 'keep login', or set KEEP_TOKEN (init printed the bootstrap admin "
            + "token)");
  }

  ApiClient api() {
    // When the certificate pinned is this data directory's own, a server that fails the pin is another instance.
    boolean own = ca == null && (System.getenv("KEEP_CA") == null || System.getenv("KEEP_CA").isBlank());
    return new ApiClient(serverUrl(), caFile(), own ? dataDirectory().root().toString() : null);
  }

  /** Prints the version of this build. */
  public static final class VersionInfo implements IVersionProvider {
    @Override
    public String[] getVersion() {
      return new String[] {"Munin Keep " + Version.VALUE + " (Java " + Runtime.version() + ")"};
    }
  }
}
