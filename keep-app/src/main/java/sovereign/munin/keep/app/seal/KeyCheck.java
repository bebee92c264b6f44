package sovereign.munin.keep.app.seal;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import sovereign.munin.keep.app.KeepException;

/**
 * Proves a candidate root key right without storing anything derived from it in clear: a known text wrapped
 * under the root key at init, bound to the instance id.
 */
public final class KeyCheck {

  private static final byte[] TEXT = "munin-keep root key check v1".getBytes(StandardCharsets.US_ASCII);

  private KeyCheck() {}

  /** The check value to store at init. */
  public static byte[] create(RootKey key, String instanceId) {
    return key.wrap(TEXT, aad(instanceId));
  }

  /** True when {@code key} is the root key the check value was made with. */
  public static boolean matches(RootKey key, String instanceId, byte[] check) {
    try {
      return Arrays.equals(TEXT, key.unwrap(check, aad(instanceId)));
    } catch (KeepException e) {
      return false;
    }
  }

  private static byte[] aad(String instanceId) {
    return ("keep-key-check|" + instanceId).getBytes(StandardCharsets.UTF_8);
  }
}
