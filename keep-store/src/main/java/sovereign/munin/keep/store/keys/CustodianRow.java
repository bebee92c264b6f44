package sovereign.munin.keep.store.keys;

import java.util.Objects;

/** A backup custodian's enrolled hybrid public key (PEM), whose it is, and who approved it. */
public record CustodianRow(String keyId, String userId, String publicKey, long enrolledAt, String approvals,
    String state) {

  public CustodianRow {
    Objects.requireNonNull(keyId, "keyId");
    Objects.requireNonNull(userId, "userId");
    Objects.requireNonNull(publicKey, "publicKey");
    approvals = approvals == null ? "" : approvals;
    Objects.requireNonNull(state, "state");
  }
}
