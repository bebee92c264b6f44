package sovereign.munin.keep.app.keys;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import sovereign.munin.keep.app.KeepException;

/**
 * The ciphertext format of managed-key encryption: 1 byte format (0x01) || 4-byte big-endian key version || the
 * AES-256-GCM ({@code Aead}) or hybrid ({@code HybridEncryption}) ciphertext, whose associated data binds the
 * key id and version, so a ciphertext of one key never opens under another.
 */
record KeyCiphertext(int version, byte[] body) {

  static final byte FORMAT_1 = 0x01;
  static final int HEADER = 5;

  byte[] encode() {
    return ByteBuffer.allocate(HEADER + body.length).put(FORMAT_1).putInt(version).put(body).array();
  }

  static KeyCiphertext parse(byte[] data) {
    if (data == null || data.length <= HEADER) {
      throw KeepException.badInput("ciphertext-truncated", "the ciphertext is truncated: "
          + (data == null ? 0 : data.length) + " bytes is shorter than any Munin Keep ciphertext");
    }
    if (data[0] != FORMAT_1) {
      throw KeepException.badInput("ciphertext-malformed", String.format("not a Munin Keep key ciphertext "
          + "(format byte 0x%02x, expected 0x01)", data[0] & 0xFF));
    }
    int version = ByteBuffer.wrap(data, 1, 4).getInt();
    byte[] body = new byte[data.length - HEADER];
    System.arraycopy(data, HEADER, body, 0, body.length);
    return new KeyCiphertext(version, body);
  }

  /** The most associated data a caller may bind into a ciphertext. */
  static final int MAX_CONTEXT_BYTES = 4096;

  static byte[] aad(String keyId, int version) {
    return aad(keyId, version, null);
  }

  /**
   * The associated data: {@code managed-key-data|<key id>|<version>}, and when the caller gives associated data of
   * their own, {@code |} and those bytes after it. The version is digits, so the two forms cannot be confused.
   */
  static byte[] aad(String keyId, int version, byte[] context) {
    byte[] base = ("managed-key-data|" + keyId + "|" + version).getBytes(StandardCharsets.UTF_8);
    if (context == null || context.length == 0) {
      return base;
    }
    if (context.length > MAX_CONTEXT_BYTES) {
      throw KeepException.badInput("associated-data-too-long", "associated data is at most " + MAX_CONTEXT_BYTES
          + " bytes");
    }
    return ByteBuffer.allocate(base.length + 1 + context.length).put(base).put((byte) '|').put(context).array();
  }
}
