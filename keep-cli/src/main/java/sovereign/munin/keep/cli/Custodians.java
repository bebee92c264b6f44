package sovereign.munin.keep.cli;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import sovereign.munin.keep.app.KeepException;
import sovereign.munin.keep.app.keys.BackupBundle;
import sovereign.munin.keep.app.keys.BackupFiles;
import sovereign.munin.keep.app.keys.BackupReader;
import sovereign.munin.keep.crypto.HybridPrivateKey;
import sovereign.munin.keep.crypto.KeepCryptoException;
import sovereign.munin.keep.crypto.KeyId;
import sovereign.munin.keep.crypto.Pem;
import sovereign.munin.keep.crypto.SecretBytes;

/** Opens a backup folder offline with custodians' hybrid private key files. */
final class Custodians {

  private Custodians() {}

  static BackupReader.Opened open(Path dir, List<Path> identities, Path trustRoot) {
    return BackupReader.open(BackupFiles.read(dir), identities(identities), pinned(trustRoot));
  }

  /** The backup key, recovered offline from the custodians' shares; the caller closes it. */
  static SecretBytes recoverKey(BackupBundle bundle, List<Path> identities, Path trustRoot) {
    return BackupReader.recoverKey(bundle, identities(identities), pinned(trustRoot));
  }

  private static List<HybridPrivateKey> identities(List<Path> identities) {
    List<HybridPrivateKey> keys = new ArrayList<>();
    for (Path p : identities) {
      byte[] pem = KeyFiles.read(p, 64 * 1024);
      try {
        keys.add(HybridPrivateKey.fromPem(pem));
      } catch (KeepCryptoException e) {
        throw KeepException.badInput("bad-identity", p + " is not a custodian's hybrid private key: "
            + e.getMessage());
      } finally {
        java.util.Arrays.fill(pem, (byte) 0);
      }
    }
    return keys;
  }

  private static String pinned(Path trustRoot) {
    String pinned = null;
    if (trustRoot != null) {
      try {
        pinned = KeyId.of(Pem.parsePublicKey(new String(KeyFiles.read(trustRoot, 64 * 1024),
            java.nio.charset.StandardCharsets.US_ASCII)));
      } catch (KeepCryptoException e) {
        throw KeepException.badInput("bad-trust-root", trustRoot + " is not a PEM public key: " + e.getMessage());
      }
    }
    return pinned;
  }
}
