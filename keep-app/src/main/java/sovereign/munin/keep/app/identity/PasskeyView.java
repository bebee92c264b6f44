package sovereign.munin.keep.app.identity;

import java.util.List;
import sovereign.munin.keep.store.identity.WebAuthnCredentialRow;

/** A registered passkey or security key as its owner sees it: never the public key or the signature counter. */
public record PasskeyView(String id, String label, List<String> transports, long createdAt, Long lastUsedAt) {

  static PasskeyView of(WebAuthnCredentialRow r) {
    return new PasskeyView(r.id(), r.label(), r.transports().isEmpty() ? List.of()
        : List.of(r.transports().split(",")), r.createdAt(), r.lastUsedAt());
  }
}
