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

  static byte[] aad(String keyId, int version) {
    return ("managed-key-data|" + keyId + "|" + version).getBytes(StandardCharsets.UTF_8);
  }
}
