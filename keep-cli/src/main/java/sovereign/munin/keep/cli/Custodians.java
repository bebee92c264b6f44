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

/** Opens a backup folder offline with custodians' hybrid private key files. */
final class Custodians {

  private Custodians() {}

  static BackupReader.Opened open(Path dir, List<Path> identities, Path trustRoot) {
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
    String pinned = null;
    if (trustRoot != null) {
      try {
        pinned = KeyId.of(Pem.parsePublicKey(new String(KeyFiles.read(trustRoot, 64 * 1024),
            java.nio.charset.StandardCharsets.US_ASCII)));
      } catch (KeepCryptoException e) {
        throw KeepException.badInput("bad-trust-root", trustRoot + " is not a PEM public key: " + e.getMessage());
      }
    }
    BackupBundle bundle = BackupFiles.read(dir);
    return BackupReader.open(bundle, keys, pinned);
  }
}
