package sovereign.munin.keep.log;

import java.security.GeneralSecurityException;
import java.security.PublicKey;
import java.util.Arrays;
import java.util.Base64;
import java.util.Objects;
import sovereign.munin.keep.log.internal.Jca;
import sovereign.munin.keep.log.internal.KeyIds;
import sovereign.munin.keep.log.internal.NoteText;

/**
 * A public key that can verify note signatures, with its name and type; written as a C2SP vkey,
 * {@code <name>+<hex key ID>+<base64(type identifier || raw public key)>}.
 *
 * @param name the key name, as it appears in signature lines
 * @param type the signature type
 * @param publicKey the raw public key; copied in and out
 */
public record VerifierKey(String name, SignatureType type, byte[] publicKey) {

    public VerifierKey {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(type, "type");
        String problem = NoteText.keyNameProblem(name);
        if (problem != null) {
            throw new IllegalArgumentException(problem);
        }
        if (publicKey.length != type.publicKeyLength()) {
            throw new IllegalArgumentException(type + " public keys have " + type.publicKeyLength() + " bytes, not "
                    + publicKey.length);
        }
        publicKey = publicKey.clone();
    }

    /** The verifier key for a JCA public key of the algorithm {@code type} uses. */
    public static VerifierKey of(String name, SignatureType type, PublicKey key) throws MalformedKeyException {
        byte[] raw = Jca.rawPublicKey(type.jcaAlgorithm(), key);
        if (raw == null || raw.length != type.publicKeyLength()) {
            throw new MalformedKeyException("not a " + type.jcaAlgorithm() + " public key: " + key.getAlgorithm());
        }
        String problem = NoteText.keyNameProblem(name);
        if (problem != null) {
            throw new MalformedKeyException(problem);
        }
        return new VerifierKey(name, type, raw);
    }

    /** Parses a vkey, splitting on its first two {@code +} only, and checks the key ID against the key. */
    public static VerifierKey parse(String vkey) throws MalformedKeyException {
        if (vkey.length() > 8192) {
            throw new MalformedKeyException("verifier key too long");
        }
        int first = vkey.indexOf('+');
        int second = first < 0 ? -1 : vkey.indexOf('+', first + 1);
        if (second < 0) {
            throw new MalformedKeyException("a verifier key is name+keyid+key");
        }
        String name = vkey.substring(0, first);
        String hex = vkey.substring(first + 1, second);
        String problem = NoteText.keyNameProblem(name);
        if (problem != null) {
            throw new MalformedKeyException(problem);
        }
        if (!hex.matches("[0-9a-f]{8}")) {
            throw new MalformedKeyException("key ID is not 8 lowercase hex digits: " + hex);
        }
        byte[] material = NoteText.decodeCanonicalBase64(vkey.substring(second + 1));
        if (material == null) {
            throw new MalformedKeyException("key material is not canonical base64");
        }
        SignatureType type = SignatureType.ofKeyMaterial(material);
        byte[] identifier = type.identifier();
        VerifierKey key = new VerifierKey(name, type, Arrays.copyOfRange(material, identifier.length, material.length));
        if (!key.keyIdHex().equals(hex)) {
            throw new MalformedKeyException("key ID " + hex + " does not match the key, which has " + key.keyIdHex());
        }
        key.toPublicKey();
        return key;
    }

    /** The vkey text. */
    public String vkey() {
        byte[] identifier = type.identifier();
        byte[] material = Arrays.copyOf(identifier, identifier.length + publicKey.length);
        System.arraycopy(publicKey, 0, material, identifier.length, publicKey.length);
        return name + "+" + keyIdHex() + "+" + Base64.getEncoder().encodeToString(material);
    }

    /** The 32-bit key ID: SHA-256(name || 0x0A || type identifier || public key), first four bytes big-endian. */
    public int keyId() {
        return KeyIds.keyId(name, type.identifier(), publicKey);
    }

    public String keyIdHex() {
        return String.format("%08x", keyId());
    }

    /** The key as a JCA public key. */
    public PublicKey toPublicKey() throws MalformedKeyException {
        try {
            return Jca.publicKey(type.jcaAlgorithm(), publicKey);
        } catch (GeneralSecurityException e) {
            throw new MalformedKeyException("the JDK rejects this " + type.jcaAlgorithm() + " key", e);
        }
    }

    @Override
    public byte[] publicKey() {
        return publicKey.clone();
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof VerifierKey that && name.equals(that.name) && type == that.type
                && Arrays.equals(publicKey, that.publicKey);
    }

    @Override
    public int hashCode() {
        return Objects.hash(name, type, Arrays.hashCode(publicKey));
    }

    @Override
    public String toString() {
        return name + "+" + keyIdHex() + " (" + type + ")";
    }
}
