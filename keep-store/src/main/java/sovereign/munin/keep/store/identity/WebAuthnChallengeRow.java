package sovereign.munin.keep.store.identity;

import java.util.Objects;

/** A pending WebAuthn ceremony: its random challenge, whose it is, what it is for and until when it holds. */
public record WebAuthnChallengeRow(String id, String userId, String purpose, byte[] challenge, long expiresAt) {

  public WebAuthnChallengeRow {
    Objects.requireNonNull(id, "id");
    Objects.requireNonNull(userId, "userId");
    Objects.requireNonNull(purpose, "purpose");
    Objects.requireNonNull(challenge, "challenge");
  }

  @Override
  public String toString() {
    return "WebAuthnChallengeRow[id=" + id + ", user=" + userId + ", purpose=" + purpose + "]";
  }
}
