package sovereign.munin.keep.log;

import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.spec.PKCS8EncodedKeySpec;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Arrays;
import java.util.Base64;
import java.util.HexFormat;

/** Key pairs for tests, generated once per run because ML-DSA key generation is not free. */
final class TestKeys {

    static final KeyPair LOG_ED25519 = generate("Ed25519");
    static final KeyPair LOG_ML_DSA_65 = generate("ML-DSA-65");
    static final KeyPair WITNESS_ED25519 = generate("Ed25519");
    static final KeyPair WITNESS_ML_DSA_65 = generate("ML-DSA-65");
    static final KeyPair OTHER_ED25519 = generate("Ed25519");
    static final Clock CLOCK = Clock.fixed(Instant.ofEpochSecond(1_679_315_147L), ZoneOffset.UTC);

    private static final byte[] ED25519_PKCS8_PREFIX = HexFormat.of().parseHex("302e020100300506032b657004220420");

    private TestKeys() {}

    static KeyPair generate(String algorithm) {
        try {
            return KeyPairGenerator.getInstance(algorithm).generateKeyPair();
        } catch (GeneralSecurityException e) {
            throw new AssertionError(e);
        }
    }

    /**
     * The key pair behind a Go {@code golang.org/x/mod/sumdb/note} signer key
     * ({@code PRIVATE+KEY+<name>+<hex id>+<base64(0x01 || 32-byte seed)>}) and its verifier key.
     */
    static KeyPair fromGoSignerKey(String signerKey, VerifierKey verifierKey) throws Exception {
        String[] parts = signerKey.split("\\+", 5);
        byte[] material = Base64.getDecoder().decode(parts[4]);
        if (!parts[0].equals("PRIVATE") || !parts[1].equals("KEY") || material.length != 33 || material[0] != 1) {
            throw new IllegalArgumentException("not an Ed25519 signer key");
        }
        byte[] pkcs8 = Arrays.copyOf(ED25519_PKCS8_PREFIX, ED25519_PKCS8_PREFIX.length + 32);
        System.arraycopy(material, 1, pkcs8, ED25519_PKCS8_PREFIX.length, 32);
        var privateKey = KeyFactory.getInstance("Ed25519").generatePrivate(new PKCS8EncodedKeySpec(pkcs8));
        return new KeyPair(verifierKey.toPublicKey(), privateKey);
    }
}
