package sovereign.munin.keep.cli;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import sovereign.munin.keep.app.KeepException;

/** Bounded reads and writes of the files key commands take and make. */
final class KeyFiles {

  /** Requests are capped at 1 MiB; base64 grows a message by a third. */
  static final int MAX_MESSAGE = 512 * 1024;

  private KeyFiles() {}

  static byte[] read(Path file, int max) {
    try (InputStream in = Files.newInputStream(file)) {
      byte[] data = in.readNBytes(max + 1);
      if (data.length > max) {
        throw KeepException.badInput("file-too-large", file + " is larger than " + max + " bytes");
      }
      return data;
    } catch (IOException e) {
      throw KeepException.badInput("cannot-read", "cannot read " + file + ": " + e.getMessage());
    }
  }

  /**
   * The body of an encrypt, decrypt or rewrap call: {@code field} with the data (base64) and, when given, the
   * caller's associated data (its UTF-8 bytes, base64), which the ciphertext is bound to.
   */
  static java.util.Map<String, Object> body(String field, byte[] data, String associatedData) {
    java.util.Map<String, Object> m = new java.util.LinkedHashMap<>();
    m.put(field, java.util.Base64.getEncoder().encodeToString(data));
    return withAssociatedData(m, associatedData);
  }

  /** Adds the caller's associated data (its UTF-8 bytes, base64) to a request body, when given. */
  static java.util.Map<String, Object> withAssociatedData(java.util.Map<String, Object> body, String associatedData) {
    if (associatedData != null) {
      body.put("associatedData", java.util.Base64.getEncoder().encodeToString(
          associatedData.getBytes(java.nio.charset.StandardCharsets.UTF_8)));
    }
    return body;
  }

  static void write(Path file, byte[] data) {
    try {
      Files.write(file, data);
    } catch (IOException e) {
      throw KeepException.badInput("cannot-write", "cannot write " + file + ": " + e.getMessage());
    }
  }
}
