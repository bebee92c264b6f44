package sovereign.munin.keep.app.keys;

import java.nio.charset.StandardCharsets;
import java.security.KeyPair;
import java.security.SecureRandom;
import java.util.Arrays;
import sovereign.munin.keep.app.KeepException;
import sovereign.munin.keep.app.seal.RootKey;
import sovereign.munin.keep.crypto.Aead;
import sovereign.munin.keep.crypto.HybridEncryption;
import sovereign.munin.keep.crypto.HybridKeyPair;
import sovereign.munin.keep.crypto.HybridPrivateKey;
import sovereign.munin.keep.crypto.KeepCryptoException;
import sovereign.munin.keep.crypto.KeyId;
import sovereign.munin.keep.crypto.SecretBytes;
import sovereign.munin.keep.crypto.Signatures;

/**
 * Makes, protects and opens a key version's private material: sealed with AES-256-GCM under a fresh per-version
 * data key, the data key wrapped by the root key, both bound to the key id, version and type.
 */
final class KeyMaterial {

  /** A fresh version: its public half (null for symmetric keys) and its private material, which the caller closes. */
  record Generated(byte[] publicKey, String publicKeyId, SecretBytes privateMaterial) {}

  /** Protected material as the key store keeps it. */
  record Protected(byte[] wrappedDataKey, byte[] sealedPrivate) {}

  private KeyMaterial() {}

  static Generated generate(KeyType type, SecureRandom rng) {
    try {
      if (type.signs()) {
        KeyPair kp = Signatures.generate(type.signatureAlgorithm(), rng);
        Signatures.signer(type.signatureAlgorithm(), kp); // self-test before anything is stored
        byte[] pkcs8 = kp.getPrivate().getEncoded();
        try {
          return new Generated(kp.getPublic().getEncoded(), KeyId.of(kp.getPublic()), SecretBytes.copyOf(pkcs8));
        } finally {
          Arrays.fill(pkcs8, (byte) 0);
        }
      }
      if (type.symmetric()) {
        return new Generated(null, null, SecretBytes.random(32, rng));
      }
      HybridKeyPair kp = HybridEncryption.generateKeyPair(rng);
      return new Generated(kp.publicKey().encoded(), kp.publicKey().keyId(), kp.privateKey().encoded());
    } catch (KeepCryptoException e) {
      throw new KeepException(KeepException.Kind.INTERNAL, "key-generation-failed", "cannot generate a "
          + type.id() + " key: " + e.getMessage(), e);
    }
  }

  /**
   * Outside material for {@code type}, checked as generated material is: a signature key's private half must
   * sign what its public half verifies (and be of the type, at the type's strength), a hybrid private key must
   * open what its public key sealed, a symmetric secret must be 32 bytes. The caller closes the material.
   */
  static Generated imported(KeyType type, byte[] publicKey, SecretBytes material) {
    try {
      if (type.symmetric()) {
        if (publicKey != null || material.length() != 32) {
          throw KeepException.badInput("import-material-invalid", "a " + type.id() + " key is a 32-byte secret "
              + "and has no public key");
        }
        return new Generated(null, null, SecretBytes.copyOf(material.copyBytes()));
      }
      if (publicKey == null) {
        throw KeepException.badInput("import-material-invalid", "a " + type.id() + " key needs its public key too");
      }
      if (type.signs()) {
        var alg = type.signatureAlgorithm();
        var pub = Signatures.parsePublicKey(publicKey);
        if (Signatures.algorithmOf(pub) != alg) {
          throw KeepException.badInput("import-material-invalid", "the public key is "
              + Signatures.algorithmOf(pub).id() + ", not " + type.id());
        }
        byte[] pkcs8 = material.copyBytes();
        try {
          Signatures.signer(alg, new KeyPair(pub, Signatures.parsePrivateKey(alg, pkcs8))); // the pair must match
        } finally {
          Arrays.fill(pkcs8, (byte) 0);
        }
        return new Generated(pub.getEncoded(), KeyId.of(pub), SecretBytes.copyOf(material.copyBytes()));
      }
      var pub = sovereign.munin.keep.crypto.HybridPublicKey.parse(publicKey);
      var priv = HybridPrivateKey.parse(material);
      byte[] probe = "munin keep import check".getBytes(StandardCharsets.UTF_8);
      byte[] back = HybridEncryption.decrypt(priv, HybridEncryption.encrypt(pub, probe, probe), probe);
      if (!Arrays.equals(back, probe)) {
        throw new KeepCryptoException("the private key does not open what the public key sealed");
      }
      return new Generated(pub.encoded(), pub.keyId(), SecretBytes.copyOf(material.copyBytes()));
    } catch (KeepCryptoException e) {
      throw KeepException.badInput("import-material-invalid", "the " + type.id() + " key material is not usable: "
          + e.getMessage());
    }
  }

  static Protected protect(RootKey root, String keyId, int version, KeyType type, SecretBytes material,
      SecureRandom rng) {
    byte[] aad = aad(keyId, version, type);
    try (SecretBytes dataKey = SecretBytes.random(32, rng)) {
      byte[] plain = material.copyBytes();
      byte[] dk = dataKey.copyBytes();
      try {
        return new Protected(root.wrap(dk, aad), Aead.seal(dataKey, plain, aad));
      } finally {
        Arrays.fill(plain, (byte) 0);
        Arrays.fill(dk, (byte) 0);
      }
    } catch (KeepCryptoException e) {
      throw new KeepException(KeepException.Kind.INTERNAL, "key-protection-failed", "cannot seal key material: "
          + e.getMessage(), e);
    }
  }

  /** The private material; the caller closes it. Fails if anything was altered or belongs to another version. */
  static SecretBytes open(RootKey root, String keyId, int version, KeyType type, Protected p) {
    byte[] aad = aad(keyId, version, type);
    byte[] dk = root.unwrap(p.wrappedDataKey(), aad);
    try (SecretBytes dataKey = SecretBytes.copyOf(dk)) {
      byte[] plain = Aead.open(dataKey, p.sealedPrivate(), aad);
      try {
        return SecretBytes.copyOf(plain);
      } finally {
        Arrays.fill(plain, (byte) 0);
      }
    } catch (KeepCryptoException e) {
      throw new KeepException(KeepException.Kind.UNAVAILABLE, "key-material-corrupt", "the stored material of "
          + "key version " + version + " does not open: " + e.getMessage(), e);
    } finally {
      Arrays.fill(dk, (byte) 0);
    }
  }

  /** Turns opened material into something that signs or decrypts; closes {@code material}. */
  static UnwrappedKey usable(KeyType type, byte[] publicKey, SecretBytes material) {
    try (material) {
      if (type.signs()) {
        byte[] pkcs8 = material.copyBytes();
        try {
          var alg = type.signatureAlgorithm();
          return new UnwrappedKey.Signing(Signatures.signer(alg, new KeyPair(Signatures.parsePublicKey(publicKey),
              Signatures.parsePrivateKey(alg, pkcs8))));
        } finally {
          Arrays.fill(pkcs8, (byte) 0);
        }
      }
      if (type.symmetric()) {
        return new UnwrappedKey.Symmetric(SecretBytes.copyOf(material.copyBytes()));
      }
      return new UnwrappedKey.Hybrid(HybridPrivateKey.parse(material));
    } catch (KeepCryptoException e) {
      throw new KeepException(KeepException.Kind.UNAVAILABLE, "key-material-corrupt", "the stored key material "
          + "cannot be used: " + e.getMessage(), e);
    }
  }

  private static byte[] aad(String keyId, int version, KeyType type) {
    return ("managed-key|" + keyId + "|" + version + "|" + type.id()).getBytes(StandardCharsets.UTF_8);
  }
}
