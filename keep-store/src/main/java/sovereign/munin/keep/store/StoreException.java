package sovereign.munin.keep.store;

/** A storage failure, translated once from driver errors into a few kinds callers can act on. */
public sealed class StoreException extends RuntimeException
    permits StoreException.Unavailable, StoreException.Corrupt, StoreException.Conflict, StoreException.Misconfigured {

  private StoreException(String message, Throwable cause) {
    super(message, cause);
  }

  /** The database cannot be reached or opened right now. */
  public static final class Unavailable extends StoreException {
    public Unavailable(String message, Throwable cause) { super(message, cause); }
  }

  /** A file exists but is not a readable database, or stored data failed an integrity check. */
  public static final class Corrupt extends StoreException {
    public Corrupt(String message, Throwable cause) { super(message, cause); }
  }

  /** A write collided with existing data (unique key, concurrent change). */
  public static final class Conflict extends StoreException {
    public Conflict(String message, Throwable cause) { super(message, cause); }
  }

  /** The database location or credentials given are not usable. */
  public static final class Misconfigured extends StoreException {
    public Misconfigured(String message, Throwable cause) { super(message, cause); }
  }
}
