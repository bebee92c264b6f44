package sovereign.munin.keep.log;

import java.util.OptionalLong;

/** A {@link HashReader} could not supply a stored hash, because it is absent or the store failed. */
public final class HashStorageException extends LogException {

    private final long storedIndex;

    /** A hash that the store does not hold. */
    public HashStorageException(long storedIndex, String message) {
        super(message);
        this.storedIndex = storedIndex;
    }

    /** A failure of the store that concerns no single index, such as a malformed answer. */
    public HashStorageException(String message) {
        super(message);
        this.storedIndex = -1;
    }

    /** A failure of the store itself, such as a database error, kept as the cause. */
    public HashStorageException(String message, Throwable cause) {
        super(message, cause);
        this.storedIndex = -1;
    }

    /** The stored index that was missing, if the failure was about one index. */
    public OptionalLong storedIndex() {
        return storedIndex < 0 ? OptionalLong.empty() : OptionalLong.of(storedIndex);
    }
}
