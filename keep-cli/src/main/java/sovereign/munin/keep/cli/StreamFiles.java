package sovereign.munin.keep.cli;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.BufferedInputStream;
import java.io.BufferedOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.channels.Channels;
import java.nio.channels.FileChannel;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Arrays;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import sovereign.munin.keep.app.KeepException;
import sovereign.munin.keep.crypto.KeepCryptoException;
import sovereign.munin.keep.crypto.StreamAead;

/**
 * Files too large for one request, encrypted here under a fresh data key that the server wraps with the managed
 * key: {@code "MKS1"} || 2-byte big-endian length || the wrapped data key (a managed-key ciphertext, bound to the
 * caller's associated data) || the {@link StreamAead} stream with associated data {@code "MKS1"}. Decrypting asks the
 * server to unwrap the data key; rewrapping moves only the wrapped key to the active version.
 */
final class StreamFiles {

  static final byte[] MAGIC = {'M', 'K', 'S', '1'};
  private static final int MAX_WRAPPED = 8 * 1024;

  private StreamFiles() {}

  /** True when {@code file} starts with the stream magic (a managed-key ciphertext starts with 0x01). */
  static boolean isStream(Path file) {
    try (InputStream in = Files.newInputStream(file)) {
      return Arrays.equals(in.readNBytes(MAGIC.length), MAGIC);
    } catch (IOException e) {
      throw KeepException.badInput("cannot-read", "cannot read " + file + ": " + e.getMessage());
    }
  }

  /** Encrypts {@code in} to the new file {@code out}; returns the plaintext length. */
  static long encrypt(KeepCommand keep, String name, Path in, Path out, String associatedData) {
    JsonNode r = keep.api().post(KeyCommand.path(name, "datakey"), KeyFiles.withAssociatedData(
        new LinkedHashMap<>(), associatedData), keep.token());
    byte[] dataKey = Base64.getDecoder().decode(r.path("plaintext").asText());
    byte[] wrapped = Base64.getDecoder().decode(r.path("ciphertext").asText());
    try (InputStream src = new BufferedInputStream(Files.newInputStream(in))) {
      return writeNew(out, false, o -> {
        header(o, wrapped);
        return StreamAead.seal(dataKey, MAGIC, src, o);
      });
    } catch (IOException e) {
      throw KeepException.badInput("cannot-read", "cannot read " + in + ": " + e.getMessage());
    } finally {
      Arrays.fill(dataKey, (byte) 0);
    }
  }

  /** Decrypts the stream file {@code in} to the new owner-only file {@code out}, kept only if every segment opens. */
  static long decrypt(KeepCommand keep, String name, Path in, Path out, String associatedData) {
    try (DataInputStream src = new DataInputStream(new BufferedInputStream(Files.newInputStream(in)))) {
      byte[] wrapped = readHeader(src, in);
      JsonNode r = keep.api().post(KeyCommand.path(name, "decrypt"), KeyFiles.body("ciphertext", wrapped,
          associatedData), keep.token());
      byte[] dataKey = Base64.getDecoder().decode(r.path("plaintext").asText());
      try {
        return writeNew(out, true, o -> StreamAead.open(dataKey, MAGIC, src, o));
      } finally {
        Arrays.fill(dataKey, (byte) 0);
      }
    } catch (IOException e) {
      throw KeepException.badInput("cannot-read", "cannot read " + in + ": " + e.getMessage());
    }
  }

  /** Rewraps the data key of the stream file {@code in} under the active version; the segments are copied as-is. */
  static int rewrap(KeepCommand keep, String name, Path in, Path out, String associatedData) {
    try (DataInputStream src = new DataInputStream(new BufferedInputStream(Files.newInputStream(in)))) {
      byte[] wrapped = readHeader(src, in);
      JsonNode r = keep.api().post(KeyCommand.path(name, "rewrap"), KeyFiles.body("ciphertext", wrapped,
          associatedData), keep.token());
      byte[] moved = Base64.getDecoder().decode(r.path("ciphertext").asText());
      writeNew(out, false, o -> {
        header(o, moved);
        return src.transferTo(o);
      });
      return java.nio.ByteBuffer.wrap(moved, 1, 4).getInt();
    } catch (IOException e) {
      throw KeepException.badInput("cannot-read", "cannot read " + in + ": " + e.getMessage());
    }
  }

  private static void header(OutputStream o, byte[] wrapped) throws IOException {
    DataOutputStream d = new DataOutputStream(o);
    d.write(MAGIC);
    d.writeShort(wrapped.length);
    d.write(wrapped);
  }

  private static byte[] readHeader(DataInputStream src, Path file) throws IOException {
    if (!Arrays.equals(src.readNBytes(MAGIC.length), MAGIC)) {
      throw KeepException.badInput("ciphertext-malformed", file + " is not a Munin Keep stream ciphertext");
    }
    int n = src.readUnsignedShort();
    if (n == 0 || n > MAX_WRAPPED) {
      throw KeepException.badInput("ciphertext-malformed", file + " names a wrapped key of " + n + " bytes");
    }
    byte[] wrapped = src.readNBytes(n);
    if (wrapped.length != n) {
      throw KeepException.badInput("ciphertext-truncated", file + " is truncated in its header");
    }
    return wrapped;
  }

  private interface Writer {
    long write(OutputStream out) throws IOException, KeepCryptoException;
  }

  // Writes beside the target and moves it into place only when complete: a stream that fails half-way leaves
  // no file, and never a partial plaintext.
  private static long writeNew(Path out, boolean ownerOnly, Writer writer) {
    if (Files.exists(out)) {
      throw KeepException.badInput("cannot-write", out + " already exists; refusing to overwrite it");
    }
    Path dir = out.toAbsolutePath().getParent();
    Path tmp = dir.resolve("." + out.getFileName() + ".partial");
    try {
      var attrs = PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString(ownerOnly ? "rw-------"
          : "rw-r-----"));
      long n;
      try (FileChannel ch = FileChannel.open(tmp, Set.of(StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE),
          attrs); OutputStream o = new BufferedOutputStream(Channels.newOutputStream(ch), 1 << 16)) {
        n = writer.write(o);
        o.flush();
        ch.force(true);
      }
      Files.move(tmp, out, StandardCopyOption.ATOMIC_MOVE);
      return n;
    } catch (FileAlreadyExistsException e) {
      throw KeepException.badInput("cannot-write", "cannot write " + out + ": " + tmp + " is in the way (left by "
          + "an interrupted run?); remove it and try again");
    } catch (KeepCryptoException e) {
      deleteQuietly(tmp);
      throw KeepException.badInput("decrypt-failed", "decryption failed: " + e.getMessage() + "; nothing was "
          + "written");
    } catch (IOException e) {
      deleteQuietly(tmp);
      throw KeepException.badInput("cannot-write", "cannot write " + out + ": " + e.getMessage());
    } catch (RuntimeException e) {
      deleteQuietly(tmp);
      throw e;
    }
  }

  private static void deleteQuietly(Path p) {
    try {
      Files.deleteIfExists(p);
    } catch (IOException ignored) {
      // best effort: the error that led here is the one to report
    }
  }

  static Map<String, Object> summary(String name, Path in, Path out, long bytes) {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("key", name);
    m.put("in", in.toString());
    m.put("out", out.toString());
    m.put("streamed", true);
    m.put("bytes", bytes);
    return m;
  }
}
