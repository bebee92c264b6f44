package sovereign.munin.keep.governance;

import java.util.Objects;

/** Checks for the identifiers and free text that records carry. */
final class Ids {
    static final int MAX_ID_LENGTH = 200;

    private Ids() {}

    /** A user, project, request or review id: not blank, bounded, no control characters. */
    static String require(String value, String what) {
        return text(value, what, MAX_ID_LENGTH);
    }

    static String text(String value, String what, int maxLength) {
        Objects.requireNonNull(value, what);
        if (value.isBlank()) {
            throw new IllegalArgumentException(what + " must not be blank");
        }
        if (value.length() > maxLength) {
            throw new IllegalArgumentException(what + " must be at most " + maxLength + " characters, was "
                    + value.length());
        }
        if (value.chars().anyMatch(c -> Character.isISOControl(c) && c != '\n')) {
            throw new IllegalArgumentException(what + " must not contain control characters");
        }
        return value;
    }
}
