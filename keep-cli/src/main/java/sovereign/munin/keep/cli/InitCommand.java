package sovereign.munin.keep.cli;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Clock;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;
import sovereign.munin.keep.app.InitRequest;
import sovereign.munin.keep.app.InitResult;
import sovereign.munin.keep.app.Initializer;
import sovereign.munin.keep.app.KeepException;
import sovereign.munin.keep.app.config.ListenAddress;

/** {@code keep init}: create a new instance with a sealed root key. */
@Command(name = "init", mixinStandardHelpOptions = true,
    description = {"Create a new instance: configuration, TLS certificate, databases and the sealed root key.",
        "",
        "Production: the root key is split into --shares N Shamir shares, any --threshold M of which unseal it.",
        "Each share goes to its own file in --shares-dir (never inside the data directory): hand one to each",
        "custodian, on separate media. The bootstrap admin token is printed once.",
        "",
        "--dev keeps the root key in a file in the data directory so the instance unseals itself. Never use it",
        "for real data.",
        "",
        "--hsm CONFIG makes a non-extractable AES-256 root key inside a PKCS#11 token (SunPKCS11 config file);",
        "the PIN comes from KEEP_HSM_PIN, and the server unseals itself at start."},
    footer = {"", "Example:", "  keep init --data /var/lib/keep --shares 5 --threshold 3 --shares-dir /media/usb"})
final class InitCommand implements Callable<Integer> {

  @ParentCommand KeepCommand keep;
  @Spec CommandSpec spec;

  @Option(names = "--shares", defaultValue = "5", description = "Number of custodian shares (default: 5).")
  int shares;

  @Option(names = "--threshold", defaultValue = "3", description = "Shares needed to unseal (default: 3).")
  int threshold;

  @Option(names = "--shares-dir", paramLabel = "DIR", description = "Where to write the share files.")
  Path sharesDir;

  @Option(names = "--dev", description = "Dev seal: root key in a local file. Not for production.")
  boolean dev;

  @Option(names = "--hsm", paramLabel = "CONFIG", description = "HSM seal: SunPKCS11 config file of the token that "
      + "makes and keeps the root key; the PIN is read from KEEP_HSM_PIN (never from a file).")
  Path hsm;

  @Option(names = "--listen", paramLabel = "HOST:PORT", defaultValue = "127.0.0.1:8443",
      description = "Address the server will listen on (default: 127.0.0.1:8443).")
  String listen;

  @Option(names = "--db", paramLabel = "URL", description = "State database: postgresql://user@host:port/db "
      + "(default: SQLite keep.db in the data directory).")
  String db;

  @Option(names = "--keys-db", paramLabel = "URL", description = "Key store database, separate from --db "
      + "(default: SQLite keys.db in the data directory).")
  String keysDb;

  @Override
  public Integer call() {
    ListenAddress address = ListenAddress.parse(listen);
    if (hsm != null && (dev || sharesDir != null)) {
      throw KeepException.badInput("seal-options-conflict", "choose one seal: --hsm, --dev or --shares-dir");
    }
    String pin = System.getenv("KEEP_HSM_PIN");
    InitRequest req = hsm != null
        ? new InitRequest(keep.dataDirectory(), InitRequest.SealKind.HSM, 1, 1, null, address, db, keysDb,
            new InitRequest.Hsm(hsm, pin == null ? null : pin.toCharArray()))
        : dev
        ? new InitRequest(keep.dataDirectory(), InitRequest.SealKind.DEV, 1, 1, null, address, db, keysDb)
        : new InitRequest(keep.dataDirectory(), InitRequest.SealKind.SHAMIR, shares, threshold, sharesDir, address,
            db, keysDb);
    InitResult result = new Initializer(Clock.systemUTC(), new SecureRandom()).init(req);
    print(result, keep.json, spec.commandLine().getOut());
    return 0;
  }

  static void print(InitResult r, boolean json, PrintWriter out) {
    if (json) {
      Map<String, Object> m = new LinkedHashMap<>();
      m.put("instanceId", r.instanceId());
      m.put("dataDir", r.dataDir().toString());
      m.put("mode", r.dev() ? "dev" : "production");
      m.put("shareFiles", r.shareFiles().stream().map(Path::toString).toList());
      m.put("threshold", r.threshold());
      m.put("tlsCertificate", r.tlsCert().toString());
      if (!r.dev()) {
        m.put("adminToken", r.adminToken().secret());
      }
      m.put("adminUser", "admin");
      m.put("adminPassword", r.adminPassword().value());
      Output.json(out, m);
      return;
    }
    out.println("Created Munin Keep instance " + r.instanceId() + " in " + r.dataDir());
    out.println("TLS certificate (the CLI trusts it): " + r.tlsCert());
    var dir = new sovereign.munin.keep.app.config.DataDirectory(r.dataDir());
    out.println("Audit log verifier keys, pinned in " + sovereign.munin.keep.app.audit.AuditPins.file(dir)
        + " (give custodians a copy; 'keep audit verify --key @FILE' checks a log against it):");
    sovereign.munin.keep.app.audit.AuditPins.read(dir).orElseThrow().forEach(k -> out.println("  " + k.vkey()));
    out.println("First admin: user 'admin', one-time password (shown once; change it at first login):");
    out.println("  " + r.adminPassword().value());
    if (r.dev()) {
      out.println("DEV MODE: the root key is in " + r.dataDir().resolve("dev-unseal.key")
          + "; an admin token is in " + r.dataDir().resolve("dev-admin.token") + "; the admin's one-time "
          + "password is in " + r.dataDir().resolve("dev-admin.password") + ".");
      return;
    }
    if (r.shareFiles().isEmpty()) {
      out.println("HSM seal: the root key lives in the token and never leaves it. The server unseals itself");
      out.println("at start with the PIN in KEEP_HSM_PIN.");
      out.println();
      out.println("Bootstrap admin token (shown once, store it safely; use it as KEEP_TOKEN):");
      out.println("  " + r.adminToken().secret());
      return;
    }
    out.println();
    out.println("Unseal shares (" + r.threshold() + " of " + r.shareFiles().size() + " needed). Give each file to "
        + "a different custodian, then delete it from this machine:");
    r.shareFiles().forEach(p -> out.println("  " + p));
    out.println();
    out.println("Bootstrap admin token (shown once, store it safely; use it as KEEP_TOKEN):");
    out.println("  " + r.adminToken().secret());
    out.println();
    out.println("Next: keep server --data " + r.dataDir() + "   then 'keep unseal --share FILE' by "
        + r.threshold() + " custodians.");
  }
}
