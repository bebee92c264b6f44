package sovereign.munin.keep.log;

import java.security.PublicKey;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import sovereign.munin.keep.log.internal.SignatureCheck;

/**
 * Verifies signed notes against a fixed set of known keys, of which a configurable subset must sign.
 *
 * <p>Per C2SP signed-note: a signature whose name and key ID do not both match a known key is ignored and
 * reported, never an error; a signature from a known key must verify or the note is rejected; and at least one
 * known key must have signed. On top of that, every required key must have signed: by default all known keys,
 * such as a log's Ed25519 and ML-DSA-65 keys together.
 */
public final class NoteVerifier {

    private record KeyRef(String name, int keyId) {}

    private final Map<KeyRef, VerifierKey> known = new LinkedHashMap<>();
    private final Map<VerifierKey, PublicKey> publicKeys = new LinkedHashMap<>();
    private final List<VerifierKey> required;

    private NoteVerifier(List<VerifierKey> known, List<VerifierKey> required) throws MalformedKeyException {
        for (VerifierKey key : known) {
            if (this.known.putIfAbsent(new KeyRef(key.name(), key.keyId()), key) != null) {
                throw new IllegalArgumentException("two known keys share name and key ID: " + key);
            }
            publicKeys.put(key, key.toPublicKey());
        }
        for (VerifierKey key : required) {
            if (!publicKeys.containsKey(key)) {
                throw new IllegalArgumentException("required key is not a known key: " + key);
            }
        }
        this.required = List.copyOf(required);
    }

    /** A verifier that requires a valid signature from every one of {@code keys}. */
    public static NoteVerifier requiringAll(List<VerifierKey> keys) throws MalformedKeyException {
        if (keys.isEmpty()) {
            throw new IllegalArgumentException("a verifier needs at least one key");
        }
        return new NoteVerifier(keys, keys);
    }

    /**
     * A verifier that knows {@code known} and requires {@code required}, a subset; with none required, any one
     * known key suffices.
     */
    public static NoteVerifier of(List<VerifierKey> known, List<VerifierKey> required) throws MalformedKeyException {
        if (known.isEmpty()) {
            throw new IllegalArgumentException("a verifier needs at least one key");
        }
        return new NoteVerifier(known, required);
    }

    /**
     * Verifies every signature from a known key and checks that the required keys signed.
     *
     * @throws BadSignatureException if a known key's signature fails
     * @throws MalformedNoteException if a known key signed twice
     * @throws MissingSignatureException if a required key, or with none required every known key, did not sign
     */
    public VerifiedNote verify(Note note)
            throws BadSignatureException, MalformedNoteException, MissingSignatureException {
        Objects.requireNonNull(note, "note");
        List<VerifiedSignature> verified = new ArrayList<>();
        List<NoteSignature> ignored = new ArrayList<>();
        Set<VerifierKey> signed = new HashSet<>();
        for (NoteSignature signature : note.signatures()) {
            VerifierKey key = known.get(new KeyRef(signature.keyName(), signature.keyId()));
            if (key == null) {
                ignored.add(signature);
                continue;
            }
            if (!signed.add(key)) {
                throw new MalformedNoteException("key " + key + " signed the note twice");
            }
            byte[] bytes = signature.signature();
            if (!SignatureCheck.verify(key.type(), key.name(), publicKeys.get(key), note.text(), bytes)) {
                throw new BadSignatureException(key, "signature by " + key + " does not verify");
            }
            verified.add(new VerifiedSignature(key, signature, key.type().isTimestamped()
                    ? Optional.of(SignatureCheck.cosignatureTime(bytes)) : Optional.empty()));
        }
        List<VerifierKey> missing = new ArrayList<>();
        for (VerifierKey key : required) {
            if (!signed.contains(key)) {
                missing.add(key);
            }
        }
        if (!missing.isEmpty()) {
            throw new MissingSignatureException(missing);
        }
        if (verified.isEmpty()) {
            throw new MissingSignatureException(List.copyOf(publicKeys.keySet()));
        }
        return new VerifiedNote(note, verified, ignored);
    }
}
