package sovereign.munin.keep.log;

/** The JCA provider failed to produce a signature. */
public final class SigningException extends LogException {

    public SigningException(String message, Throwable cause) {
        super(message, cause);
    }
}
