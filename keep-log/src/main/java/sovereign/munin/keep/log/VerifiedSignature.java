package sovereign.munin.keep.log;

import java.time.Instant;
import java.util.Objects;
import java.util.Optional;

/**
 * A signature line that verified under a known key; a cosignature also says when the cosigner signed.
 *
 * @param key the key that verified it
 * @param signature the signature line
 * @param timestamp the cosignature's time, empty for plain signatures
 */
public record VerifiedSignature(VerifierKey key, NoteSignature signature, Optional<Instant> timestamp) {

    public VerifiedSignature {
        Objects.requireNonNull(key, "key");
        Objects.requireNonNull(signature, "signature");
        Objects.requireNonNull(timestamp, "timestamp");
    }
}
