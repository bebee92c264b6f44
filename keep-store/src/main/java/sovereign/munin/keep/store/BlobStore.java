package sovereign.munin.keep.store;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.channels.FileChannel;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.security.DigestInputStream;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * Content-addressed files under {@code blobs/sha256/ab/cd/<digest>}: written to a temporary file, synced,
 * then renamed into place, so a blob is either whole or absent; every read checks the digest.
 */
public final class BlobStore {

  private static final Pattern DIGEST = Pattern.compile("[0-9a-f]{64}");
  private final Path root;
  private final long maxBytes;

  /** A store rooted at {@code root} that refuses blobs larger than {@code maxBytes}. */
  public BlobStore(Path root, long maxBytes) {
    this.root = root.toAbsolutePath().normalize();
    this.maxBytes = maxBytes;
  }

  /** Stores the stream's bytes and returns their lowercase hex SHA-256. */
  public String put(InputStream in) throws IOException {
    Path tmpDir = root.resolve("tmp");
    Files.createDirectories(tmpDir);
    Path tmp = Files.createTempFile(tmpDir, "blob-", ".part");
    try {
      MessageDigest sha = sha256();
      long total = 0;
      try (OutputStream out = Files.newOutputStream(tmp, StandardOpenOption.WRITE);
           DigestInputStream din = new DigestInputStream(in, sha)) {
        byte[] buf = new byte[64 * 1024];
        int n;
        while ((n = din.read(buf)) != -1) {
          total += n;
          if (total > maxBytes) {
            throw new IOException("blob is larger than the limit of " + maxBytes + " bytes");
          }
          out.write(buf, 0, n);
        }
      }
      try (FileChannel ch = FileChannel.open(tmp, StandardOpenOption.WRITE)) {
        ch.force(true);
      }
      String digest = HexFormat.of().formatHex(sha.digest());
      Path target = pathOf(digest);
      Files.createDirectories(target.getParent());
      if (Files.exists(target)) {
        Files.delete(tmp);
        return digest;
      }
      try {
        Files.move(tmp, target, StandardCopyOption.ATOMIC_MOVE);
      } catch (AtomicMoveNotSupportedException e) {
        throw new IOException("the blob folder " + root + " does not support atomic rename", e);
      }
      syncDirectory(target.getParent());
      return digest;
    } finally {
      Files.deleteIfExists(tmp);
    }
  }

  /** Stores bytes already in memory. */
  public String put(byte[] bytes) throws IOException {
    return put(new java.io.ByteArrayInputStream(bytes));
  }

  /** Reads a whole blob (up to the store's limit) and checks its digest; empty when absent. */
  public Optional<byte[]> get(String digest) throws IOException {
    Path path = pathOf(digest);
    if (!Files.exists(path)) {
      return Optional.empty();
    }
    long size = Files.size(path);
    if (size > maxBytes) {
      throw new IOException("blob " + digest + " is larger than the limit of " + maxBytes + " bytes");
    }
    byte[] bytes = Files.readAllBytes(path);
    String actual = HexFormat.of().formatHex(sha256().digest(bytes));
    if (!actual.equals(digest)) {
      throw new IOException("blob " + digest + " is damaged: its content now hashes to " + actual);
    }
    return Optional.of(bytes);
  }

  /** True when a blob with this digest is stored (its content is not checked). */
  public boolean contains(String digest) {
    return Files.exists(pathOf(digest));
  }

  /** Where a digest's blob lives; rejects anything that is not a lowercase hex SHA-256. */
  public Path pathOf(String digest) {
    if (digest == null || !DIGEST.matcher(digest).matches()) {
      throw new IllegalArgumentException("not a lowercase hex SHA-256 digest: " + digest);
    }
    return root.resolve("sha256").resolve(digest.substring(0, 2)).resolve(digest.substring(2, 4)).resolve(digest);
  }

  private static void syncDirectory(Path dir) {
    try (FileChannel ch = FileChannel.open(dir, StandardOpenOption.READ)) {
      ch.force(true);
    } catch (IOException e) {
      // Some file systems cannot open directories for sync; the rename itself is still atomic.
    }
  }

  private static MessageDigest sha256() {
    try {
      return MessageDigest.getInstance("SHA-256");
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("SHA-256 is missing from this JDK", e);
    }
  }
}
