package sovereign.munin.keep.app.seal;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Base64;
import sovereign.munin.keep.app.KeepException;
import sovereign.munin.keep.app.config.PrivateFiles;
import sovereign.munin.keep.crypto.SecretBytes;

/** Dev mode's seal: the root key in a private file beside the data, so the instance unseals itself. Never production. */
public final class DevUnsealFile {

  private static final String HEADER = "# Munin Keep DEV unseal key. Anyone who reads this file holds the root key.\n";

  private DevUnsealFile() {}

  /** Writes the key file (mode 0600, never overwriting). */
  public static void write(Path file, SecretBytes key) throws IOException {
    byte[] raw = key.copyBytes();
    try {
      PrivateFiles.write(file, (HEADER + Base64.getEncoder().encodeToString(raw) + "\n")
          .getBytes(StandardCharsets.US_ASCII));
    } finally {
      java.util.Arrays.fill(raw, (byte) 0);
    }
  }

  /** Reads the key back as a root key. */
  public static RootKey read(Path file) {
    try {
      String text = new String(PrivateFiles.read(file, 1024), StandardCharsets.US_ASCII);
      String b64 = text.lines().filter(l -> !l.startsWith("#") && !l.isBlank()).findFirst().orElse("");
      byte[] raw = Base64.getDecoder().decode(b64.strip());
      try {
        return new SoftwareRootKey(SecretBytes.copyOf(raw));
      } finally {
        java.util.Arrays.fill(raw, (byte) 0);
      }
    } catch (IOException | IllegalArgumentException e) {
      throw KeepException.badInput("dev-unseal-unreadable", "cannot read the dev unseal file " + file + ": "
          + e.getMessage());
    }
  }
}
