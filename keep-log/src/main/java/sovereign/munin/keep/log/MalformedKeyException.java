package sovereign.munin.keep.log;

/** A verifier key (vkey) or key material that cannot be used for note signatures. */
public final class MalformedKeyException extends LogException {

    public MalformedKeyException(String message) {
        super(message);
    }

    public MalformedKeyException(String message, Throwable cause) {
        super(message, cause);
    }
}
