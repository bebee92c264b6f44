package sovereign.munin.keep.cli;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;

/** {@code keep key}: managed keys and their versions. */
@Command(name = "key", mixinStandardHelpOptions = true,
    description = "Managed keys: create, list, show, rotate, revoke, archive, destroy, export, sign, verify, encrypt, "
        + "decrypt, mac, import, backup, restore.",
    subcommands = {KeyCreateCommand.class, KeyListCommand.class, KeyShowCommand.class, KeyRotateCommand.class,
        KeyRevokeCommand.class, KeyArchiveCommand.class, KeyDestroyCommand.class, KeyExportPublicCommand.class,
        KeySignCommand.class, KeyVerifyCommand.class, KeyEncryptCommand.class, KeyDecryptCommand.class,
        KeyRewrapCommand.class, KeyMinDecryptionVersionCommand.class, KeyDataKeyCommand.class, KeyMacCommand.class,
        KeyMacVerifyCommand.class,
        KeyGenerateCommand.class,
        KeyRotateDueCommand.class, KeyBackupCommand.class, KeyRestoreCommand.class, KeyCustodianCommand.class,
        KeyImportCommand.class})
final class KeyCommand implements Runnable {

  @ParentCommand KeepCommand keep;
  @Spec CommandSpec spec;

  @Override
  public void run() {
    spec.commandLine().usage(spec.commandLine().getOut());
  }

  static String path(String name, String action) {
    String p = "/api/v1/keys/" + URLEncoder.encode(name, StandardCharsets.UTF_8);
    return action == null ? p : p + "/" + action;
  }

  /** Prints a key as JSON or as a few lines for people. */
  void print(JsonNode key) {
    var out = spec.commandLine().getOut();
    if (keep.json) {
      Output.json(out, key);
      return;
    }
    out.println(key.path("name").asText() + "  project=" + key.path("project").asText() + "  type="
        + key.path("type").asText() + "  purpose=" + key.path("purpose").asText() + "  status="
        + key.path("status").asText() + "  active=v" + key.path("activeVersion").asText("-"));
    out.println("  rotation: every " + key.path("rotationDays").asInt() + " days, next published "
        + key.path("publishDays").asInt() + " days ahead, " + key.path("overlapDays").asInt() + " days overlap");
    for (JsonNode v : key.path("versions")) {
      String line = "  v" + v.path("version").asInt() + "  " + v.path("state").asText() + "  uses="
          + v.path("useCount").asLong() + "  created=" + v.path("createdAt").asText();
      if (!v.path("publicKeyId").isNull() && v.has("publicKeyId")) {
        line += "  keyid=" + v.path("publicKeyId").asText();
      }
      if (!v.path("compromisedAt").isNull() && v.has("compromisedAt")) {
        line += "  compromised=" + v.path("compromisedAt").asText() + " (" + v.path("compromiseReason").asText()
            + ")";
      }
      out.println(line);
    }
    out.flush();
  }
}
