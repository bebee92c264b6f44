package sovereign.munin.keep.log;

/** Note text that is not a strict C2SP tlog-checkpoint. */
public final class MalformedCheckpointException extends LogException {

    public MalformedCheckpointException(String message) {
        super(message);
    }
}
