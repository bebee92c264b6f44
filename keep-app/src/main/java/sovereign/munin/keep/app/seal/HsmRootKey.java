package sovereign.munin.keep.app.seal;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.AuthProvider;
import java.security.GeneralSecurityException;
import java.security.Key;
import java.security.KeyStore;
import java.security.Provider;
import java.security.ProviderException;
import java.security.SecureRandom;
import java.security.Security;
import java.util.Arrays;
import javax.crypto.Cipher;
import javax.crypto.KeyGenerator;
import javax.crypto.SecretKey;
import javax.crypto.spec.GCMParameterSpec;
import javax.security.auth.login.LoginException;
import sovereign.munin.keep.app.KeepException;

/**
 * The root key as a non-extractable AES-256 key inside a PKCS#11 token (SunPKCS11): wrapping is AES-GCM
 * encryption performed by the token, because SunPKCS11 with SoftHSM offers neither {@code Cipher.wrap} nor AES-KW.
 * Output: 1 byte version (0x01) || 12-byte nonce || ciphertext || 16-byte tag.
 */
public final class HsmRootKey implements RootKey {

  private static final byte VERSION_1 = 0x01;
  private static final int NONCE = 12;
  // Appended to the operator's config: keys the provider makes are sensitive and never leave the token.
  private static final String ATTRIBUTES = "\nattributes(*,CKO_SECRET_KEY,CKK_AES) = {\n"
      + "  CKA_SENSITIVE = true\n  CKA_EXTRACTABLE = false\n}\n";

  private final Provider provider;
  private final SecretKey key;
  private final SecureRandom rng = new SecureRandom();

  private HsmRootKey(Provider provider, SecretKey key) {
    this.provider = provider;
    this.key = key;
  }

  /** The token alias of an instance's root key. */
  public static String alias(String instanceId) {
    return "munin-keep-root-" + instanceId;
  }

  /** Generates a new root key in the token under {@code alias}; refuses if the alias is taken. */
  public static HsmRootKey generate(Path config, char[] pin, String alias) {
    Provider p = provider(config);
    KeyStore ks = login(p, pin);
    try {
      if (ks.containsAlias(alias)) {
        throw new KeepException(KeepException.Kind.CONFLICT, "hsm-key-exists", "the token already holds a key "
            + "named " + alias);
      }
      KeyGenerator gen = KeyGenerator.getInstance("AES", p);
      gen.init(256);
      SecretKey k = gen.generateKey();
      ks.setKeyEntry(alias, k, null, null);
      return new HsmRootKey(p, (SecretKey) ks.getKey(alias, null));
    } catch (GeneralSecurityException | ProviderException e) {
      throw new KeepException(KeepException.Kind.UNAVAILABLE, "hsm-failed", "the HSM could not make the root key: "
          + e.getMessage(), e);
    }
  }

  /** Finds the root key made at init. */
  public static HsmRootKey open(Path config, char[] pin, String alias) {
    Provider p = provider(config);
    KeyStore ks = login(p, pin);
    try {
      Key k = ks.getKey(alias, null);
      if (!(k instanceof SecretKey sk)) {
        throw new KeepException(KeepException.Kind.UNAVAILABLE, "hsm-key-missing", "the token has no root key "
            + "named " + alias + "; is this the token the instance was initialised with?");
      }
      return new HsmRootKey(p, sk);
    } catch (GeneralSecurityException | ProviderException e) {
      throw new KeepException(KeepException.Kind.UNAVAILABLE, "hsm-failed", "reading the HSM root key failed: "
          + e.getMessage(), e);
    }
  }

  /** True if the key's bytes cannot be read out of the token. */
  public boolean extractable() {
    return key.getEncoded() != null;
  }

  /** Removes the key from the token; only for an init that failed after generating it. */
  public void destroyInToken(char[] pin, String alias) {
    try {
      login(provider, pin).deleteEntry(alias);
    } catch (GeneralSecurityException | RuntimeException ignored) {
      // Best effort: the init error is what the operator needs to see.
    }
  }

  @Override
  public byte[] wrap(byte[] plaintext, byte[] associatedData) {
    byte[] nonce = new byte[NONCE];
    rng.nextBytes(nonce);
    try {
      Cipher c = Cipher.getInstance("AES/GCM/NoPadding", provider);
      c.init(Cipher.ENCRYPT_MODE, key, new GCMParameterSpec(128, nonce));
      c.updateAAD(associatedData == null ? new byte[0] : associatedData);
      byte[] body = c.doFinal(plaintext);
      byte[] out = new byte[1 + NONCE + body.length];
      out[0] = VERSION_1;
      System.arraycopy(nonce, 0, out, 1, NONCE);
      System.arraycopy(body, 0, out, 1 + NONCE, body.length);
      return out;
    } catch (GeneralSecurityException | ProviderException e) {
      throw new KeepException(KeepException.Kind.UNAVAILABLE, "hsm-failed", "the HSM could not wrap: "
          + e.getMessage(), e);
    }
  }

  @Override
  public byte[] unwrap(byte[] wrapped, byte[] associatedData) {
    if (wrapped == null || wrapped.length < 1 + NONCE + 16 || wrapped[0] != VERSION_1) {
      throw new KeepException(KeepException.Kind.BAD_INPUT, "unwrap-failed", "wrapped data is malformed");
    }
    try {
      Cipher c = Cipher.getInstance("AES/GCM/NoPadding", provider);
      c.init(Cipher.DECRYPT_MODE, key, new GCMParameterSpec(128, Arrays.copyOfRange(wrapped, 1, 1 + NONCE)));
      c.updateAAD(associatedData == null ? new byte[0] : associatedData);
      return c.doFinal(wrapped, 1 + NONCE, wrapped.length - 1 - NONCE);
    } catch (GeneralSecurityException | ProviderException e) {
      throw new KeepException(KeepException.Kind.BAD_INPUT, "unwrap-failed",
          "data did not decrypt under the HSM root key: it was changed or belongs to another instance", e);
    }
  }

  @Override
  public void close() {
    try {
      if (provider instanceof AuthProvider ap) {
        ap.logout();
      }
    } catch (LoginException | RuntimeException ignored) {
      // Logging out of a session that is already gone is not an error worth reporting.
    }
  }

  private static Provider provider(Path config) {
    String text;
    try {
      text = Files.readString(config);
    } catch (IOException e) {
      throw KeepException.badInput("hsm-config-unreadable", "cannot read the PKCS#11 config " + config + ": "
          + e.getMessage());
    }
    Provider base = Security.getProvider("SunPKCS11");
    try {
      return base.configure("--" + text + ATTRIBUTES);
    } catch (RuntimeException e) {
      throw KeepException.badInput("hsm-unavailable", "the PKCS#11 token in " + config + " cannot be used (is the "
          + "library path right, the token initialised and the slot present?): " + rootMessage(e));
    }
  }

  private static KeyStore login(Provider p, char[] pin) {
    if (pin == null || pin.length == 0) {
      throw KeepException.badInput("hsm-pin-missing", "the HSM PIN is missing: set KEEP_HSM_PIN");
    }
    try {
      KeyStore ks = KeyStore.getInstance("PKCS11", p);
      ks.load(null, pin);
      return ks;
    } catch (IOException e) {
      throw KeepException.badInput("hsm-wrong-pin", "the HSM refused the login: wrong PIN (KEEP_HSM_PIN) or a "
          + "locked token: " + rootMessage(e));
    } catch (GeneralSecurityException | ProviderException e) {
      throw KeepException.badInput("hsm-unavailable", "the PKCS#11 token cannot be used: " + rootMessage(e));
    }
  }

  private static String rootMessage(Throwable e) {
    Throwable t = e;
    while (t.getCause() != null) {
      t = t.getCause();
    }
    return t.getMessage() == null ? t.getClass().getSimpleName() : t.getMessage();
  }
}
