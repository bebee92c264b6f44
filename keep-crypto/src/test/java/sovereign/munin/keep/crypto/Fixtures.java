package sovereign.munin.keep.crypto;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;

/** Reads the OpenSSL-made fixtures under test resources {@code sovereign/munin/keep/crypto/openssl/}. */
final class Fixtures {
    private Fixtures() {}

    static byte[] bytes(String name) {
        try (InputStream in = Fixtures.class.getResourceAsStream("openssl/" + name)) {
            if (in == null) {
                throw new IllegalStateException("missing test fixture openssl/" + name);
            }
            return in.readAllBytes();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static String text(String name) {
        return new String(bytes(name), StandardCharsets.US_ASCII);
    }
}
