package sovereign.munin.keep.crypto;

import java.io.Serial;

/** A stored password hash is not a canonical, in-bounds Argon2id PHC string. */
public final class PasswordHashFormatException extends KeepCryptoException {
    @Serial
    private static final long serialVersionUID = 1L;

    public PasswordHashFormatException(String message) {
        super(message);
    }
}
