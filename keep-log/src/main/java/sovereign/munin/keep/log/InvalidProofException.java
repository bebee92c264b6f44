package sovereign.munin.keep.log;

/** An inclusion or consistency proof that does not prove what it claims. */
public final class InvalidProofException extends LogException {

    public InvalidProofException(String message) {
        super(message);
    }
}
