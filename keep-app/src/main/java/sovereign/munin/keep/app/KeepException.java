package sovereign.munin.keep.app;

import java.util.Objects;

/**
 * A failure a user can act on: a kind (which the API maps to an HTTP status and the CLI to an exit code), a
 * stable type slug (the problem+json {@code type}) and a message that says what went wrong and what to do.
 */
public class KeepException extends RuntimeException {

  /** Broad classes of failure, independent of transport. */
  public enum Kind {
    BAD_INPUT(400), UNAUTHENTICATED(401), FORBIDDEN(403), NOT_FOUND(404), CONFLICT(409), SEALED(503),
    UNAVAILABLE(503), INTERNAL(500);

    private final int httpStatus;

    Kind(int httpStatus) { this.httpStatus = httpStatus; }

    public int httpStatus() { return httpStatus; }
  }

  private final Kind kind;
  private final String type;

  public KeepException(Kind kind, String type, String message) {
    this(kind, type, message, null);
  }

  public KeepException(Kind kind, String type, String message, Throwable cause) {
    super(Objects.requireNonNull(message, "message"), cause);
    this.kind = Objects.requireNonNull(kind, "kind");
    this.type = Objects.requireNonNull(type, "type");
  }

  public static KeepException badInput(String type, String message) {
    return new KeepException(Kind.BAD_INPUT, type, message);
  }

  public Kind kind() {
    return kind;
  }

  /** Stable, documented slug such as {@code share-wrong-instance}. */
  public String type() {
    return type;
  }
}
