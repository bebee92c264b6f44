package sovereign.munin.keep.crypto;

import java.io.Serial;
import java.security.GeneralSecurityException;

/** Base checked exception for this module. */
public class KeepCryptoException extends GeneralSecurityException {
    @Serial
    private static final long serialVersionUID = 1L;

    public KeepCryptoException(String message) {
        super(message);
    }

    public KeepCryptoException(String message, Throwable cause) {
        super(message, cause);
    }
}
