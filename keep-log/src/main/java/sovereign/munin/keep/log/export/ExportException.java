package sovereign.munin.keep.log.export;

import sovereign.munin.keep.log.LogException;

/** An export could not be written or read at all: a bad target, an unreadable checkpoint, a limit exceeded. */
public final class ExportException extends LogException {

    public ExportException(String message) {
        super(message);
    }

    public ExportException(String message, Throwable cause) {
        super(message, cause);
    }
}
