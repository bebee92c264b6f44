package sovereign.munin.keep.log;

/** A signature could not be produced: the JCA provider failed, or the signer's clock is unusable. */
public final class SigningException extends LogException {

    public SigningException(String message) {
        super(message);
    }

    public SigningException(String message, Throwable cause) {
        super(message, cause);
    }
}
