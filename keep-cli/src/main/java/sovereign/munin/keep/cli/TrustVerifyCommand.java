package sovereign.munin.keep.cli;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;
import sovereign.munin.keep.app.KeepException;
import sovereign.munin.keep.app.keys.TrustFileVerifier;
import sovereign.munin.keep.crypto.KeepCryptoException;
import sovereign.munin.keep.crypto.Pem;

/** {@code keep trust verify}: checks a trust file, and optionally a signature by it, with no server at all. */
@Command(name = "verify", mixinStandardHelpOptions = true,
    header = "Check a trust file offline against the pinned root, and judge a signature.",
    description = {"Offline: check a trust file against the pinned root of trust and, with --key, judge a raw",
        "signature by the versions, validity and revocations it lists. Needs no server, token or data directory.",
        "Exit 0 if valid; 1 if the signature, the trust file or an input is not (the message says which)."})
final class TrustVerifyCommand implements Callable<Integer> {

  @ParentCommand TrustCommand trust;

  @Parameters(index = "0", paramLabel = "TRUST_FILE", description = "The trust file from 'keep trust export'.")
  Path file;

  @Option(names = "--root", required = true, paramLabel = "PEM",
      description = "The pinned root-of-trust public key ('keep key export-public _trust-root').")
  Path root;

  @ArgGroup(exclusive = false)
  SignatureCheck signature;

  /** The signature to judge: all three options together. */
  static final class SignatureCheck {
    @Option(names = "--key", required = true, paramLabel = "NAME", description = "The key that signed.")
    String key;

    @Option(names = "--in", required = true, paramLabel = "FILE", description = "The signed file.")
    Path in;

    @Option(names = "--sig", required = true, paramLabel = "SIGFILE", description = "The signature.")
    Path sig;
  }

  @Override
  public Integer call() {
    TrustFileVerifier verifier = TrustFileVerifier.open(KeyFiles.read(file, TrustFileVerifier.MAX_BYTES),
        rootKey());
    var c = verifier.contents();
    Map<String, Object> out = new LinkedHashMap<>();
    out.put("trustFile", "valid");
    out.put("instance", c.instance());
    out.put("issuedAt", c.issuedAt());
    out.put("root", c.rootKeyId());
    out.put("keys", c.keys().size());
    int exit = 0;
    if (signature != null) {
      var v = verifier.check(signature.key, KeyFiles.read(signature.in, KeyFiles.MAX_MESSAGE),
          KeyFiles.read(signature.sig, 64 * 1024));
      out.put("valid", v.valid());
      out.put("version", v.version());
      out.put("reason", v.reason());
      exit = v.valid() ? 0 : 1;
    }
    print(out);
    return exit;
  }

  private java.security.PublicKey rootKey() {
    try {
      return Pem.parsePublicKey(new String(KeyFiles.read(root, Pem.MAX_INPUT), StandardCharsets.UTF_8));
    } catch (KeepCryptoException e) {
      throw KeepException.badInput("trust-root-unreadable", root + " is not a PEM public key: " + e.getMessage());
    }
  }

  private void print(Map<String, Object> out) {
    var w = trust.spec.commandLine().getOut();
    if (trust.keep.json) {
      Output.json(w, out);
      return;
    }
    w.println("Trust file valid: signed by root " + out.get("root") + ", issued " + out.get("issuedAt") + ", "
        + out.get("keys") + " key(s).");
    if (out.containsKey("valid")) {
      w.println(((Boolean) out.get("valid") ? "VALID: " : "INVALID: ") + out.get("reason"));
    }
  }
}
