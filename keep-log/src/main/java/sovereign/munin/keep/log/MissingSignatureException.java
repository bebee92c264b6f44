package sovereign.munin.keep.log;

import java.util.List;

/** A note that lacks a verified signature from keys the verifier requires. */
public final class MissingSignatureException extends LogException {

    private final List<VerifierKey> missing;

    public MissingSignatureException(List<VerifierKey> missing) {
        super("note lacks a verified signature from " + missing);
        this.missing = List.copyOf(missing);
    }

    /** The required keys that did not sign. */
    public List<VerifierKey> missing() {
        return missing;
    }
}
