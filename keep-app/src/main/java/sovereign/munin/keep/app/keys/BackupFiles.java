package sovereign.munin.keep.app.keys;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import sovereign.munin.keep.app.KeepException;

/**
 * A backup as a folder for removable media: {@code manifest.json}, {@code manifest.sig}, {@code signer.pem},
 * {@code payload.bin} and {@code shares/<custodian key id>.share}. Reads are size-capped and follow no links.
 */
public final class BackupFiles {

  private static final long MAX_PAYLOAD = 256L * 1024 * 1024;
  private static final int MAX_SMALL = 1024 * 1024;
  private static final int MAX_SHARES = 255;
  private static final Pattern SHARE = Pattern.compile("[0-9a-f]{64}\\.share");

  private BackupFiles() {}

  public static void write(Path dir, BackupBundle b) {
    try {
      Files.createDirectories(dir.resolve("shares"));
      if (Files.exists(dir.resolve("manifest.json"))) {
        throw KeepException.badInput("backup-dir-used", dir + " already holds a backup; choose an empty folder");
      }
      Files.write(dir.resolve("payload.bin"), b.payload());
      for (var s : b.shares()) {
        Files.write(dir.resolve("shares").resolve(s.recipientKeyId() + ".share"), s.ciphertext());
      }
      Files.writeString(dir.resolve("signer.pem"), b.signerPem(), StandardCharsets.US_ASCII);
      Files.write(dir.resolve("manifest.sig"), b.manifestSignature());
      // The manifest last: a folder without it is visibly incomplete.
      Files.write(dir.resolve("manifest.json"), b.manifest());
    } catch (IOException e) {
      throw KeepException.badInput("backup-write-failed", "cannot write the backup to " + dir + ": "
          + e.getMessage());
    }
  }

  public static BackupBundle read(Path dir) {
    try {
      List<BackupBundle.Share> shares = new ArrayList<>();
      try (Stream<Path> files = Files.list(dir.resolve("shares"))) {
        for (Path p : files.limit(MAX_SHARES + 1L).toList()) {
          String name = p.getFileName().toString();
          if (!SHARE.matcher(name).matches() || !Files.isRegularFile(p, LinkOption.NOFOLLOW_LINKS)) {
            throw KeepException.badInput("backup-malformed", "unexpected file in the backup's shares: " + name);
          }
          shares.add(new BackupBundle.Share(name.substring(0, 64), bytes(p, MAX_SMALL)));
        }
      }
      return new BackupBundle(bytes(dir.resolve("manifest.json"), MAX_SMALL), bytes(dir.resolve("manifest.sig"),
          MAX_SMALL), new String(bytes(dir.resolve("signer.pem"), MAX_SMALL), StandardCharsets.US_ASCII),
          bytes(dir.resolve("payload.bin"), MAX_PAYLOAD), shares);
    } catch (IOException e) {
      throw KeepException.badInput("backup-unreadable", "cannot read a backup in " + dir + ": " + e.getMessage());
    }
  }

  private static byte[] bytes(Path p, long max) throws IOException {
    if (!Files.isRegularFile(p, LinkOption.NOFOLLOW_LINKS)) {
      throw KeepException.badInput("backup-malformed", p + " is missing or not a regular file");
    }
    try (InputStream in = Files.newInputStream(p, LinkOption.NOFOLLOW_LINKS)) {
      byte[] b = in.readNBytes((int) Math.min(max + 1, Integer.MAX_VALUE - 8));
      if (b.length > max) {
        throw KeepException.badInput("backup-malformed", p + " is larger than " + max + " bytes");
      }
      return b;
    }
  }
}
