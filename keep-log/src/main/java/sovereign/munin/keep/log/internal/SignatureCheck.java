package sovereign.munin.keep.log.internal;

import java.security.PublicKey;
import java.time.Instant;
import java.util.Arrays;
import sovereign.munin.keep.log.Checkpoint;
import sovereign.munin.keep.log.MalformedCheckpointException;
import sovereign.munin.keep.log.SignatureType;

/** Verifies one signature of a given type over a note text, per C2SP signed-note and tlog-cosignature. */
public final class SignatureCheck {

    private SignatureCheck() {}

    /**
     * True if {@code signature} (the bytes after the key ID) is a valid signature of {@code type} over
     * {@code text}.
     *
     * @param keyName the name of the verifying key, which ML-DSA-65 cosignatures commit to
     */
    public static boolean verify(SignatureType type, String keyName, PublicKey key, String text, byte[] signature) {
        if (signature.length != type.signatureLength()) {
            return false;
        }
        if (!type.isTimestamped()) {
            return Jca.verify(type.jcaAlgorithm(), key, SignedMessages.noteText(text), signature);
        }
        long timestamp = timestamp(signature);
        if (timestamp < 0) {
            return false; // above 2^63 - 1, which tlog-cosignature forbids
        }
        byte[] message = message(type, keyName, timestamp, text);
        byte[] raw = Arrays.copyOfRange(signature, Long.BYTES, signature.length);
        return message != null && Jca.verify(type.jcaAlgorithm(), key, message, raw);
    }

    /** The time a verified cosignature carries. */
    public static Instant cosignatureTime(byte[] signature) {
        return Instant.ofEpochSecond(timestamp(signature));
    }

    /** What a signature of {@code type} signs, or null if the text cannot be signed that way. */
    public static byte[] message(SignatureType type, String keyName, long timestamp, String text) {
        return switch (type) {
            case ED25519, ML_DSA_65 -> SignedMessages.noteText(text);
            case COSIGNATURE_ED25519 -> SignedMessages.cosignatureV1(timestamp, text);
            case COSIGNATURE_ML_DSA_65 -> {
                Checkpoint checkpoint;
                try {
                    checkpoint = Checkpoint.parse(text);
                } catch (MalformedCheckpointException e) {
                    yield null;
                }
                if (!SignedMessages.fitsShortString(keyName) || !SignedMessages.fitsShortString(checkpoint.origin())) {
                    yield null;
                }
                yield SignedMessages.subtreeV1(keyName, timestamp, checkpoint.origin(), checkpoint.size(),
                        checkpoint.root().bytes());
            }
        };
    }

    private static long timestamp(byte[] signature) {
        long timestamp = 0;
        for (int i = 0; i < Long.BYTES; i++) {
            timestamp = (timestamp << 8) | (signature[i] & 0xFF);
        }
        return timestamp;
    }
}
