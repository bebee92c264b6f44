package sovereign.munin.keep.log;

import java.util.Arrays;
import java.util.Base64;
import java.util.Objects;
import sovereign.munin.keep.log.internal.NoteText;

/**
 * One signature line of a signed note: {@code — <key name> base64(key ID || signature)}.
 *
 * @param keyName the signer's key name
 * @param keyId the 32-bit key ID that, with the name, identifies the key and algorithm
 * @param signature the signature bytes after the key ID; copied in and out
 */
public record NoteSignature(String keyName, int keyId, byte[] signature) {

    public NoteSignature {
        Objects.requireNonNull(keyName, "keyName");
        String problem = NoteText.keyNameProblem(keyName);
        if (problem != null) {
            throw new IllegalArgumentException(problem);
        }
        if (signature.length == 0) {
            throw new IllegalArgumentException("empty signature");
        }
        signature = signature.clone();
    }

    @Override
    public byte[] signature() {
        return signature.clone();
    }

    /** The signature line, without its final newline. */
    public String line() {
        byte[] value = new byte[4 + signature.length];
        value[0] = (byte) (keyId >>> 24);
        value[1] = (byte) (keyId >>> 16);
        value[2] = (byte) (keyId >>> 8);
        value[3] = (byte) keyId;
        System.arraycopy(signature, 0, value, 4, signature.length);
        return "\u2014 " + keyName + " " + Base64.getEncoder().encodeToString(value);
    }

    /** The key ID as 8 lowercase hex digits, as a vkey writes it. */
    public String keyIdHex() {
        return String.format("%08x", keyId);
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof NoteSignature that && keyName.equals(that.keyName) && keyId == that.keyId
                && Arrays.equals(signature, that.signature);
    }

    @Override
    public int hashCode() {
        return Objects.hash(keyName, keyId, Arrays.hashCode(signature));
    }

    @Override
    public String toString() {
        return "NoteSignature[" + keyName + "+" + keyIdHex() + ", " + signature.length + " bytes]";
    }
}
