package sovereign.munin.keep.log;

/** A tile, entry bundle or tile path that does not follow C2SP tlog-tiles. */
public final class MalformedTileException extends LogException {

    public MalformedTileException(String message) {
        super(message);
    }
}
