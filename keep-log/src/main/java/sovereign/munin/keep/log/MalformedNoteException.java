package sovereign.munin.keep.log;

/** Bytes that are not a canonical C2SP signed note within this module's limits. */
public final class MalformedNoteException extends LogException {

    public MalformedNoteException(String message) {
        super(message);
    }
}
