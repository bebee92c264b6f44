package sovereign.munin.keep.cli;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;

/** {@code keep key create}: a new managed key with its first, active version. */
@Command(name = "create", mixinStandardHelpOptions = true,
    description = {"Create a key in a project. Its private material never leaves the server's key store.",
        "Types: ml-dsa-65 (default), ml-dsa-87, ed25519, ecdsa-p384, rsa-3072, rsa-4096, aes-256-gcm,",
        "ml-kem-768-x25519, hmac-sha256. Weaker types are refused."})
final class KeyCreateCommand implements Callable<Integer> {

  @ParentCommand KeyCommand key;

  @Parameters(index = "0", paramLabel = "NAME", description = "Key name: lowercase letters, digits, . _ -")
  String name;

  @Option(names = "--project", required = true, paramLabel = "P", description = "The project the key belongs to.")
  String project;

  @Option(names = "--type", paramLabel = "T", description = "Key type (default ml-dsa-65).")
  String type;

  @Option(names = "--purpose", paramLabel = "TEXT", description = "What the key is for (default signing/encryption).")
  String purpose;

  @Option(names = "--rotation-days", paramLabel = "N", description = "Rotate every N days; 0 = manual (default 90).")
  Integer rotationDays;

  @Option(names = "--overlap-days", paramLabel = "N", description = "Old version verifies N days (default 30).")
  Integer overlapDays;

  @Override
  public Integer call() {
    Map<String, Object> body = new LinkedHashMap<>();
    body.put("name", name);
    body.put("project", project);
    body.put("type", type);
    body.put("purpose", purpose);
    body.put("rotationDays", rotationDays);
    body.put("publishDays", rotationDays != null && rotationDays == 0 ? 0 : null);
    body.put("overlapDays", overlapDays);
    key.print(key.keep.api().post("/api/v1/keys", body, key.keep.token()));
    return 0;
  }
}
