package sovereign.munin.keep.log;

/** A signature line from a known key that does not verify; per C2SP the whole note is rejected. */
public final class BadSignatureException extends LogException {

    private final VerifierKey key;

    public BadSignatureException(VerifierKey key, String message) {
        super(message);
        this.key = key;
    }

    /** The known key whose signature failed. */
    public VerifierKey key() {
        return key;
    }
}
