package sovereign.munin.keep.log;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.PrivateKey;
import java.time.Clock;
import java.util.Objects;
import sovereign.munin.keep.log.internal.Jca;
import sovereign.munin.keep.log.internal.NoteText;
import sovereign.munin.keep.log.internal.SignatureCheck;
import sovereign.munin.keep.log.internal.SignedMessages;

/**
 * Signs note texts with a JCA private key as one signed-note signature type: a log's Ed25519 or ML-DSA-65
 * signature, or a witness's timestamped cosignature.
 *
 * <p>Every signer signs and verifies a test message when it is made, so a private key that does not match its
 * public key, or is of the wrong algorithm, is refused before it signs anything. Ed25519 signatures are
 * deterministic; ML-DSA-65 signatures use the JDK's hedged randomness, so they differ on each call.
 */
public final class NoteSigner {

    private static final byte[] SELF_TEST = "munin keep note signer self-test".getBytes(StandardCharsets.US_ASCII);

    private final VerifierKey key;
    private final PrivateKey privateKey;
    private final Clock clock;

    private NoteSigner(VerifierKey key, PrivateKey privateKey, Clock clock) {
        this.key = key;
        this.privateKey = privateKey;
        this.clock = clock;
    }

    /** A log signer for C2SP Ed25519 note signatures (type 0x01). */
    public static NoteSigner ed25519(String name, KeyPair keys) throws MalformedKeyException {
        return of(SignatureType.ED25519, name, keys, Clock.systemUTC());
    }

    /** A log signer for ML-DSA-65 note signatures (Munin Keep's type, see {@link SignatureType#ML_DSA_65}). */
    public static NoteSigner mlDsa65(String name, KeyPair keys) throws MalformedKeyException {
        return of(SignatureType.ML_DSA_65, name, keys, Clock.systemUTC());
    }

    /** A witness signer for C2SP {@code cosignature/v1} Ed25519 cosignatures (type 0x04), timed by {@code clock}. */
    public static NoteSigner ed25519Cosigner(String name, KeyPair keys, Clock clock) throws MalformedKeyException {
        return of(SignatureType.COSIGNATURE_ED25519, name, keys, clock);
    }

    /** A witness signer for ML-DSA-65 {@code subtree/v1} cosignatures of checkpoints, timed by {@code clock}. */
    public static NoteSigner mlDsa65Cosigner(String name, KeyPair keys, Clock clock) throws MalformedKeyException {
        if (!SignedMessages.fitsShortString(name)) {
            throw new MalformedKeyException("an ML-DSA-65 cosigner name must be 1 to 255 bytes");
        }
        return of(SignatureType.COSIGNATURE_ML_DSA_65, name, keys, clock);
    }

    private static NoteSigner of(SignatureType type, String name, KeyPair keys, Clock clock)
            throws MalformedKeyException {
        Objects.requireNonNull(clock, "clock");
        VerifierKey key = VerifierKey.of(name, type, keys.getPublic());
        try {
            byte[] signature = Jca.sign(type.jcaAlgorithm(), keys.getPrivate(), SELF_TEST);
            if (!Jca.verify(type.jcaAlgorithm(), keys.getPublic(), SELF_TEST, signature)) {
                throw new MalformedKeyException("the private key does not match the public key of " + key);
            }
        } catch (GeneralSecurityException e) {
            throw new MalformedKeyException("the private key cannot make " + type.jcaAlgorithm() + " signatures", e);
        }
        return new NoteSigner(key, keys.getPrivate(), clock);
    }

    /** The key that verifies this signer's signatures. */
    public VerifierKey verifierKey() {
        return key;
    }

    /**
     * Signs {@code text}, which must be a valid note text (and a checkpoint, for ML-DSA-65 cosignatures).
     *
     * @throws MalformedNoteException if the text cannot be a note text
     * @throws MalformedCheckpointException if an ML-DSA-65 cosigner is given text that is not a checkpoint
     * @throws SigningException if the provider fails
     */
    public NoteSignature sign(String text) throws LogException {
        Objects.requireNonNull(text, "text");
        String problem = NoteText.textProblem(text);
        if (problem != null) {
            throw new MalformedNoteException(problem);
        }
        SignatureType type = key.type();
        long timestamp = type.isTimestamped() ? clock.instant().getEpochSecond() : 0;
        if (timestamp < 0) {
            throw new SigningException("clock is before 1970");
        }
        if (type == SignatureType.COSIGNATURE_ML_DSA_65) {
            Checkpoint checkpoint = Checkpoint.parse(text);
            if (!SignedMessages.fitsShortString(checkpoint.origin())) {
                throw new MalformedCheckpointException("origin must be 1 to 255 bytes for an ML-DSA-65 cosignature");
            }
        }
        byte[] raw;
        try {
            raw = Jca.sign(type.jcaAlgorithm(), privateKey, SignatureCheck.message(type, key.name(), timestamp, text));
        } catch (GeneralSecurityException e) {
            throw new SigningException(type.jcaAlgorithm() + " signing failed for " + key, e);
        }
        if (!type.isTimestamped()) {
            return new NoteSignature(key.name(), key.keyId(), raw);
        }
        byte[] value = new byte[Long.BYTES + raw.length];
        for (int i = 0; i < Long.BYTES; i++) {
            value[i] = (byte) (timestamp >>> (56 - 8 * i));
        }
        System.arraycopy(raw, 0, value, Long.BYTES, raw.length);
        return new NoteSignature(key.name(), key.keyId(), value);
    }

    @Override
    public String toString() {
        return "NoteSigner[" + key + "]";
    }
}
