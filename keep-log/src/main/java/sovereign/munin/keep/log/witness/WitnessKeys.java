package sovereign.munin.keep.log.witness;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.PrivateKey;
import java.time.Clock;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;
import java.util.regex.Pattern;
import sovereign.munin.keep.crypto.KeepCryptoException;
import sovereign.munin.keep.crypto.Pem;
import sovereign.munin.keep.crypto.SecretBytes;
import sovereign.munin.keep.log.LogException;
import sovereign.munin.keep.log.MalformedKeyException;
import sovereign.munin.keep.log.NoteSigner;
import sovereign.munin.keep.log.SignatureType;
import sovereign.munin.keep.log.VerifierKey;

/**
 * A witness's signing keys under one name: an Ed25519 key for C2SP {@code cosignature/v1} and an ML-DSA-65 key for
 * Munin Keep's ML-DSA-65 cosignature. Private keys leave only as PKCS#8 PEM in {@link SecretBytes}.
 */
public final class WitnessKeys {

    /**
     * Witness names: signed-note key names that are also one portable file name, because each witness writes
     * {@code cosignatures/<name>.cosig}.
     */
    private static final Pattern NAME = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._-]{0,99}");
    private static final byte[] END = "-----END PRIVATE KEY-----".getBytes(StandardCharsets.US_ASCII);

    private final String name;
    private final KeyPair ed25519;
    private final KeyPair mlDsa65;
    private final List<VerifierKey> verifierKeys;

    private WitnessKeys(String name, KeyPair ed25519, KeyPair mlDsa65) throws MalformedKeyException {
        this.name = name;
        this.ed25519 = ed25519;
        this.mlDsa65 = mlDsa65;
        // Making both signers runs their sign-and-verify self-test, so mismatched key halves are refused here.
        this.verifierKeys = cosigners(Clock.systemUTC()).stream().map(NoteSigner::verifierKey).toList();
    }

    /** Why {@code name} cannot name a witness, or null if it can. */
    public static String nameProblem(String name) {
        return NAME.matcher(name).matches() ? null
                : "a witness name is 1 to 100 letters, digits, '.', '_' or '-', starting with a letter or digit: "
                        + name;
    }

    /** Fresh keys from the JDK's key generators. */
    public static WitnessKeys generate(String name) throws LogException {
        requireName(name);
        try {
            return new WitnessKeys(name, KeyPairGenerator.getInstance("Ed25519").generateKeyPair(),
                    KeyPairGenerator.getInstance("ML-DSA-65").generateKeyPair());
        } catch (GeneralSecurityException e) {
            throw new MalformedKeyException("this JDK cannot generate witness keys", e);
        }
    }

    /**
     * Keys from their PEM file (the Ed25519 key, then the ML-DSA-65 key) and their two vkeys, which must be
     * {@link #verifierKeys()} as written.
     */
    public static WitnessKeys fromPem(byte[] pem, List<VerifierKey> vkeys) throws LogException {
        if (vkeys.size() != 2 || vkeys.get(0).type() != SignatureType.COSIGNATURE_ED25519
                || vkeys.get(1).type() != SignatureType.COSIGNATURE_ML_DSA_65
                || !vkeys.get(0).name().equals(vkeys.get(1).name())) {
            throw new MalformedKeyException("a witness has an Ed25519 and then an ML-DSA-65 cosignature key of "
                    + "one name");
        }
        String name = vkeys.get(0).name();
        requireName(name);
        int split = indexOf(pem, END);
        if (split < 0) {
            throw new MalformedKeyException("the witness key file holds no private key");
        }
        split += END.length;
        byte[] first = Arrays.copyOf(pem, split);
        byte[] second = Arrays.copyOfRange(pem, split, pem.length);
        try {
            PrivateKey ed25519 = Pem.parsePrivateKey(first);
            PrivateKey mlDsa65 = Pem.parsePrivateKey(second);
            return new WitnessKeys(name, new KeyPair(vkeys.get(0).toPublicKey(), ed25519),
                    new KeyPair(vkeys.get(1).toPublicKey(), mlDsa65));
        } catch (KeepCryptoException e) {
            throw new MalformedKeyException("the witness key file is unreadable: " + e.getMessage(), e);
        } finally {
            Arrays.fill(first, (byte) 0);
            Arrays.fill(second, (byte) 0);
        }
    }

    /** The witness's name, as its cosignature lines carry it. */
    public String name() {
        return name;
    }

    /** The Ed25519 and ML-DSA-65 cosignature keys, in that order, to give to the log operator. */
    public List<VerifierKey> verifierKeys() {
        return verifierKeys;
    }

    /** Cosigners for both keys, timed by {@code clock}: Ed25519 first, then ML-DSA-65. */
    public List<NoteSigner> cosigners(Clock clock) throws MalformedKeyException {
        Objects.requireNonNull(clock, "clock");
        return List.of(NoteSigner.ed25519Cosigner(name, ed25519, clock),
                NoteSigner.mlDsa65Cosigner(name, mlDsa65, clock));
    }

    /** Both private keys as PKCS#8 PEM, Ed25519 first; the caller closes the result. */
    public SecretBytes privateKeysPem() throws LogException {
        try (SecretBytes first = Pem.privateKey(ed25519.getPrivate());
             SecretBytes second = Pem.privateKey(mlDsa65.getPrivate())) {
            byte[] a = first.copyBytes();
            byte[] b = second.copyBytes();
            byte[] both = Arrays.copyOf(a, a.length + b.length);
            System.arraycopy(b, 0, both, a.length, b.length);
            try {
                return SecretBytes.copyOf(both);
            } finally {
                Arrays.fill(a, (byte) 0);
                Arrays.fill(b, (byte) 0);
                Arrays.fill(both, (byte) 0);
            }
        } catch (KeepCryptoException e) {
            throw new MalformedKeyException("witness keys cannot be encoded: " + e.getMessage(), e);
        }
    }

    @Override
    public String toString() {
        return "WitnessKeys[" + name + ", private keys redacted]";
    }

    private static void requireName(String name) throws MalformedKeyException {
        String problem = nameProblem(Objects.requireNonNull(name, "name"));
        if (problem != null) {
            throw new MalformedKeyException(problem);
        }
    }

    private static int indexOf(byte[] haystack, byte[] needle) {
        outer:
        for (int i = 0; i <= haystack.length - needle.length; i++) {
            for (int j = 0; j < needle.length; j++) {
                if (haystack[i + j] != needle[j]) {
                    continue outer;
                }
            }
            return i;
        }
        return -1;
    }
}
