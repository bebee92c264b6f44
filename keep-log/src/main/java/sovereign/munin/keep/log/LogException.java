package sovereign.munin.keep.log;

/** Base of every checked failure raised by the transparency-log module. */
public class LogException extends Exception {

    public LogException(String message) {
        super(message);
    }

    public LogException(String message, Throwable cause) {
        super(message, cause);
    }
}
